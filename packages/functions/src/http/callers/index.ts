import { Log } from "@sprida/core/log";
import type { Context } from "hono";
import type { Access, CallerOf } from "./access";
import { authenticateBearer } from "./bearer";
import { authenticateLink } from "./link";
import { authenticatePublic } from "./public";
import { authenticateSession } from "./session";
import { authenticateSigned } from "./signed";

export * from "./access";
export type { BearerCaller } from "./bearer";
export type { LinkCaller } from "./link";
export { checkOrigin } from "./origin";
export { actorOf, type SessionCaller } from "./session";
export type { SignedCaller } from "./signed";

/** The route's authenticator: 401 without valid credentials, 403 when they do not suffice. */
export async function authenticate<A extends Access>(
  c: Context,
  access: A,
  rawBody: () => Promise<string>,
): Promise<CallerOf<A>> {
  const caller = await authenticateAs(c, access, rawBody);
  // Every later log line of the request names the organisation it acted in.
  if (caller && "orgId" in caller) Log.appendContext({ orgId: caller.orgId });
  return caller;
}

async function authenticateAs<A extends Access>(
  c: Context,
  access: A,
  rawBody: () => Promise<string>,
): Promise<CallerOf<A>> {
  switch (access.kind) {
    case "public":
      return authenticatePublic(c) as CallerOf<A>;
    case "session":
      return (await authenticateSession(c, access)) as CallerOf<A>;
    case "bearer":
      return (await authenticateBearer(c, access)) as CallerOf<A>;
    case "signed":
      return (await authenticateSigned(c, rawBody)) as CallerOf<A>;
    case "link":
      return (await authenticateLink(c)) as CallerOf<A>;
  }
}
