import { z } from "zod";
import { Errors } from "../error";
import { isConditionalCheckFailure } from "../error/domain-error";
import type { Role } from "../member/member.schema";
import { Runtime } from "../runtime";
import { Id, parseInput } from "./input";
import { type ActiveMembership, activeMembershipIn } from "./people";
import { isWellFormedBearerToken, newBearerToken, sha256Hex } from "./secrets";
import { sessionEntity } from "./session.entity";

/** The cookie that carries the session token (HttpOnly, SameSite=Lax, Secure off localhost). */
export const COOKIE_NAME = "sprida_session";
/** Sessions roll: each stays valid this long after it was last extended. */
export const MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** Rolling costs a write, so a session is extended at most once an hour. */
export const EXTEND_AFTER_SECONDS = 60 * 60;

/** A signed-in member as requests see it: role and status read live from the membership. */
export interface ActiveSession {
  sessionId: string;
  personId: string;
  orgId: string;
  memberId: string;
  role: Role;
  status: "active";
  /** ISO time; later requests move it forward. */
  expiresAt: string;
}

/** One of a person's sessions, for "my sessions": nothing in it signs anyone in. */
export interface SessionSummary {
  sessionId: string;
  orgId: string;
  memberId: string;
  createdAt: string;
  /** When it was last used, to within `EXTEND_AFTER_SECONDS`. */
  lastSeenAt: string;
  expiresAt: string;
}

const SessionId = z.string().regex(/^[0-9a-f]{64}$/, "Not a session id");

export const CreateSessionInput = z.object({ personId: Id, orgId: Id, memberId: Id });
export type CreateSessionInput = z.input<typeof CreateSessionInput>;

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
const isoFromEpoch = (seconds: number) => new Date(seconds * 1000).toISOString();

type StoredSession = { sessionId: string; personId: string; orgId: string; memberId: string };

function active(
  stored: StoredSession,
  membership: ActiveMembership,
  expiresAt: number,
): ActiveSession {
  return {
    sessionId: stored.sessionId,
    personId: stored.personId,
    orgId: stored.orgId,
    memberId: stored.memberId,
    role: membership.role,
    status: membership.status,
    expiresAt: isoFromEpoch(expiresAt),
  };
}

/**
 * Starts a session for an active membership. The token goes to the cookie and is never
 * stored: the session is kept under the token's SHA-256.
 */
export async function create(
  input: CreateSessionInput,
): Promise<{ sessionToken: string; session: ActiveSession }> {
  const { personId, orgId, memberId } = parseInput(CreateSessionInput, input);
  const membership = await activeMembershipIn(personId, orgId, memberId);
  if (!membership) {
    throw Errors.forbidden("membership_inactive", "This membership is not active.");
  }
  const sessionToken = newBearerToken();
  const now = Runtime.use().now();
  const stored = {
    sessionId: sha256Hex(sessionToken),
    personId,
    orgId,
    memberId,
    createdAt: now.toISOString(),
    extendedAt: now.toISOString(),
    expiresAt: epochSeconds(now) + MAX_AGE_SECONDS,
  };
  await sessionEntity().create(stored).go({ response: "none" });
  return { sessionToken, session: active(stored, membership, stored.expiresAt) };
}

/**
 * The session a cookie's token stands for, or undefined when it is unknown, revoked,
 * expired, or its membership is no longer active. `renewed` says the expiry moved, so the
 * HTTP layer sets the cookie again.
 */
export async function resolve(
  sessionToken: unknown,
): Promise<(ActiveSession & { renewed: boolean }) | undefined> {
  if (!isWellFormedBearerToken(sessionToken)) return undefined;
  const sessionId = sha256Hex(sessionToken);
  const stored = (await sessionEntity().get({ sessionId }).go({ consistent: true })).data;
  const now = Runtime.use().now();
  const nowSeconds = epochSeconds(now);
  if (!stored || stored.expiresAt <= nowSeconds) return undefined;

  const membership = await activeMembershipIn(stored.personId, stored.orgId, stored.memberId);
  if (!membership) {
    // Deactivated or left: the session is over for good, even if the membership is
    // reactivated later and whether or not the member domain revoked it already.
    await sessionEntity().delete({ sessionId }).go({ response: "none" });
    return undefined;
  }

  if (nowSeconds - epochSeconds(new Date(stored.extendedAt)) < EXTEND_AFTER_SECONDS) {
    return { ...active(stored, membership, stored.expiresAt), renewed: false };
  }
  const expiresAt = nowSeconds + MAX_AGE_SECONDS;
  try {
    // A patch never recreates: a session revoked since the read stays revoked.
    await sessionEntity()
      .patch({ sessionId })
      .set({ extendedAt: now.toISOString(), expiresAt })
      .go({ response: "none" });
  } catch (error) {
    if (isConditionalCheckFailure(error)) return undefined;
    throw error;
  }
  return { ...active(stored, membership, expiresAt), renewed: true };
}

/** Moves the session to another organisation where the same person is an active member. */
export async function switchOrganisation(
  sessionToken: unknown,
  orgId: string,
): Promise<ActiveSession> {
  const target = parseInput(Id, orgId);
  const current = await resolve(sessionToken);
  if (!current) throw Errors.unauthenticated("no_session", "Sign in first.");
  const membership = await activeMembershipIn(current.personId, target);
  if (!membership) {
    throw Errors.forbidden("not_a_member", "You are not an active member of that organisation.");
  }
  const now = Runtime.use().now();
  const expiresAt = epochSeconds(now) + MAX_AGE_SECONDS;
  try {
    await sessionEntity()
      .patch({ sessionId: current.sessionId })
      .set({
        orgId: membership.orgId,
        memberId: membership.memberId,
        extendedAt: now.toISOString(),
        expiresAt,
      })
      .go({ response: "none" });
  } catch (error) {
    if (isConditionalCheckFailure(error))
      throw Errors.unauthenticated("no_session", "Sign in first.");
    throw error;
  }
  return active(
    { ...current, orgId: membership.orgId, memberId: membership.memberId },
    membership,
    expiresAt,
  );
}

/**
 * Ends one session ("sign out here", or one picked from "my sessions"). With `personId`,
 * only that person's session is ended. True when a session was ended.
 */
export async function revoke(
  sessionId: string,
  options: { personId?: string } = {},
): Promise<boolean> {
  const id = parseInput(SessionId, sessionId);
  const personId = options.personId === undefined ? undefined : parseInput(Id, options.personId);
  try {
    const removed = await sessionEntity()
      .delete({ sessionId: id })
      .where((attributes, op) =>
        personId === undefined ? "" : op.eq(attributes.personId, personId),
      )
      .go({ response: "all_old" });
    return removed.data !== null && removed.data !== undefined;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}

/** "Sign out everywhere": every session of the person, in every organisation. */
export async function revokeAllForPerson(personId: string): Promise<number> {
  const id = parseInput(Id, personId);
  const { data } = await sessionEntity().query.byPerson({ personId: id }).go({ pages: "all" });
  return removeAll(data);
}

/** Every session of one membership: on deactivation, or when the member leaves. */
export async function revokeAllForMember(orgId: string, memberId: string): Promise<number> {
  const { data } = await sessionEntity()
    .query.byMember({ orgId: parseInput(Id, orgId), memberId: parseInput(Id, memberId) })
    .go({ pages: "all" });
  return removeAll(data);
}

async function removeAll(sessions: { sessionId: string }[]): Promise<number> {
  let pending = sessions.map(({ sessionId }) => ({ sessionId }));
  // A batch may leave keys unprocessed under throttling: try those again, a few times.
  for (let attempt = 0; attempt < 4 && pending.length > 0; attempt++) {
    const { unprocessed } = await sessionEntity().delete(pending).go();
    pending = unprocessed;
  }
  if (pending.length > 0) {
    throw new Error(`${pending.length} sessions could not be revoked; try again`);
  }
  return sessions.length;
}

/** The person's unexpired sessions, newest first. */
export async function listForPerson(personId: string): Promise<SessionSummary[]> {
  const id = parseInput(Id, personId);
  const nowSeconds = epochSeconds(Runtime.use().now());
  const { data } = await sessionEntity()
    .query.byPerson({ personId: id })
    .go({ pages: "all", order: "desc" });
  return data
    .filter((session) => session.expiresAt > nowSeconds)
    .map((session) => ({
      sessionId: session.sessionId,
      orgId: session.orgId,
      memberId: session.memberId,
      createdAt: session.createdAt,
      lastSeenAt: session.extendedAt,
      expiresAt: isoFromEpoch(session.expiresAt),
    }));
}
