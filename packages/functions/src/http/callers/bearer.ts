import { ApiToken } from "@sprida/core/auth";
import type { Context } from "hono";
import { ApiError } from "../errors";
import type { BearerAccess } from "./access";

/** A server acting for an organisation with one of its API tokens. */
export interface BearerCaller {
  kind: "bearer";
  orgId: string;
  tokenId: string;
  scopes: ApiToken.ApiTokenScope[];
}

/** `Authorization: Bearer <token>`, a token of the organisation that carries the route's scope. */
export async function authenticateBearer(c: Context, access: BearerAccess): Promise<BearerCaller> {
  const match = /^Bearer +(\S+)$/i.exec(c.req.header("authorization") ?? "");
  const token = match ? await ApiToken.verify(match[1]) : undefined;
  if (!token) {
    c.header("www-authenticate", 'Bearer realm="sprida"');
    throw new ApiError(401, "unauthenticated", "Send a valid API token as a Bearer token");
  }
  if (!token.scopes.includes(access.scope)) {
    throw new ApiError(403, "forbidden", `This API token does not have the ${access.scope} scope`);
  }
  return { kind: "bearer", ...token };
}
