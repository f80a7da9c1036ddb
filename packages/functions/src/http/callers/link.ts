import { DomainError } from "@sprida/core/error";
import { Weekly } from "@sprida/core/weekly";
import type { Context } from "hono";
import { ApiError } from "../errors";

/** Whoever holds an e-mail's signed unsubscribe link: its token names the member and kind. */
export interface LinkCaller {
  kind: "link";
  target: Weekly.UnsubscribeTarget;
}

/**
 * The `token` query parameter of a signed link. No Origin is asked for: mail providers send
 * RFC 8058's one-click POST from their servers, and the token, not a cookie, is the credential,
 * so a forged cross-site request has nothing to borrow.
 */
export async function authenticateLink(c: Context): Promise<LinkCaller> {
  try {
    return { kind: "link", target: await Weekly.openUnsubscribeToken(c.req.query("token") ?? "") };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new ApiError(401, "unauthenticated", "This link is not valid");
  }
}
