import { Session } from "@sprida/core/auth";
import { type MembershipRef, ROLE_RANK } from "@sprida/core/member";
import type { Context } from "hono";
import { ApiError } from "../errors";
import { readSessionToken, writeSessionCookie } from "../session-cookie";
import type { SessionAccess } from "./access";
import { checkOrigin } from "./origin";

/** A signed-in member, always from the session, never from the request. */
export interface SessionCaller {
  kind: "session";
  sessionId: string;
  personId: string;
  orgId: string;
  memberId: string;
  role: Session.ActiveSession["role"];
  /** How the session began (a session begun with an invitation cannot switch organisation). */
  startedBy: Session.StartedBy;
}

/** The session cookie's member, of at least the route's role; then the Origin check. */
export async function authenticateSession(
  c: Context,
  access: SessionAccess,
): Promise<SessionCaller> {
  const token = readSessionToken(c);
  const session = token ? await Session.resolve(token) : undefined;
  if (!session) throw new ApiError(401, "unauthenticated", "Sign in to continue");
  // The server moved the expiry forward: so does the cookie, or the browser drops it first.
  if (session.renewed && token) writeSessionCookie(c, token, session);
  if (ROLE_RANK[session.role] < ROLE_RANK[access.role]) {
    throw new ApiError(403, "forbidden", "Your role does not allow this");
  }
  checkOrigin(c);
  const { sessionId, personId, orgId, memberId, role, startedBy } = session;
  return { kind: "session", sessionId, personId, orgId, memberId, role, startedBy };
}

/** The caller as the domain's actor: the session's member, active (the session checked it). */
export function actorOf(caller: SessionCaller): MembershipRef & { status: "active" } {
  return {
    orgId: caller.orgId,
    memberId: caller.memberId,
    personId: caller.personId,
    role: caller.role,
    status: "active",
  };
}
