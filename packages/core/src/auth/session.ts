import { z } from "zod";
import { retryOnConflict, TRY_AGAIN } from "../dynamo";
import { Errors, isConditionalCheckFailure } from "../error";
import type { Role } from "../member";
import { Runtime } from "../runtime";
import { Id, parseInput } from "./input";
import { type ActiveMembership, activeMembershipIn } from "./people";
import { isWellFormedBearerToken, newBearerToken, sha256Hex } from "./secrets";
import { sessionEntity, sessionService } from "./session.entity";

/** The cookie that carries the session token (HttpOnly, SameSite=Lax, Secure off localhost). */
export const COOKIE_NAME = "sprida_session";
/**
 * Its name on https: a `__Host-` cookie is refused by browsers unless Secure, host-only and
 * for path "/", so a sibling subdomain or a plain-http page cannot plant or shadow it.
 */
export const SECURE_COOKIE_NAME = `__Host-${COOKIE_NAME}`;
/** Sessions roll: each stays valid this long after it was last extended. */
export const MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** However often it is used, a session ends this long after sign-in (a stolen one too). */
export const ABSOLUTE_LIFETIME_SECONDS = 90 * 24 * 60 * 60;
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
  /** ISO time; later requests move it forward, never past the absolute lifetime. */
  expiresAt: string;
  /**
   * How it began. A session begun by accepting an invitation stays in that organisation:
   * whoever holds an invitation link is not thereby signed in to the person's others.
   */
  startedBy: StartedBy;
}

export const StartedBy = z.enum(["sign-in", "invitation"]);
export type StartedBy = z.infer<typeof StartedBy>;

/** One of a person's sessions, for "my sessions": nothing in it signs anyone in. */
export const SessionSummary = z.object({
  sessionId: z.string(),
  orgId: z.string(),
  memberId: z.string(),
  createdAt: z.string(),
  /** When it was last used, to within `EXTEND_AFTER_SECONDS`. */
  lastSeenAt: z.string(),
  expiresAt: z.string(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

const SessionId = z.string().regex(/^[0-9a-f]{64}$/, "Not a session id");

export const CreateSessionInput = z.object({
  personId: Id,
  orgId: Id,
  memberId: Id,
  startedBy: StartedBy.default("sign-in"),
});
export type CreateSessionInput = z.input<typeof CreateSessionInput>;

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
const isoFromEpoch = (seconds: number) => new Date(seconds * 1000).toISOString();

type StoredSession = {
  sessionId: string;
  personId: string;
  orgId: string;
  memberId: string;
  startedBy?: StartedBy | undefined;
};

/** Sessions stored before `startedBy` existed all began with a sign-in. */
const startedByOf = (stored: StoredSession): StartedBy => stored.startedBy ?? "sign-in";

/** The next expiry: `MAX_AGE_SECONDS` from now, but never past the absolute lifetime. */
function rolledExpiry(createdAt: string, nowSeconds: number): number {
  return Math.min(
    nowSeconds + MAX_AGE_SECONDS,
    epochSeconds(new Date(createdAt)) + ABSOLUTE_LIFETIME_SECONDS,
  );
}

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
    startedBy: startedByOf(stored),
  };
}

/**
 * Starts a session for an active membership. The token goes to the cookie and is never
 * stored: the session is kept under the token's SHA-256.
 */
export async function create(
  input: CreateSessionInput,
): Promise<{ sessionToken: string; session: ActiveSession }> {
  const { personId, orgId, memberId, startedBy } = parseInput(CreateSessionInput, input);
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
    startedBy,
    createdAt: now.toISOString(),
    extendedAt: now.toISOString(),
    expiresAt: epochSeconds(now) + MAX_AGE_SECONDS,
  };
  await createSessionItems(stored);
  return { sessionToken, session: active(stored, membership, stored.expiresAt) };
}

/** The session and its row in the person's partition, together or not at all. */
async function createSessionItems(
  stored: {
    sessionId: string;
    personId: string;
    expiresAt: number;
  } & Parameters<ReturnType<typeof sessionEntity>["create"]>[0],
): Promise<void> {
  const result = await sessionService()
    .service.transaction.write(({ session, personSession }) => [
      session.create(stored).commit(),
      personSession
        .create({
          personId: stored.personId,
          sessionId: stored.sessionId,
          expiresAt: stored.expiresAt,
        })
        .commit(),
    ])
    .go();
  if (result.canceled) throw new Error("The session could not be stored; try again");
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
  const expiresAt = rolledExpiry(stored.createdAt, nowSeconds);
  if (expiresAt <= stored.expiresAt) {
    return { ...active(stored, membership, stored.expiresAt), renewed: false };
  }
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
  if (current.startedBy !== "sign-in" && target !== current.orgId) {
    throw Errors.forbidden(
      "sign_in_to_switch",
      "You joined with an invitation link. Sign in with your e-mail address to switch organisations.",
    );
  }
  const membership = await activeMembershipIn(current.personId, target);
  if (!membership) {
    throw Errors.forbidden("not_a_member", "You are not an active member of that organisation.");
  }
  // The expiry stays: switching is not a sign-in and does not lengthen the session.
  const expiresAt = epochSeconds(new Date(current.expiresAt));
  try {
    await sessionEntity()
      .patch({ sessionId: current.sessionId })
      .set({ orgId: membership.orgId, memberId: membership.memberId })
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
    if (!removed.data) return false;
    await sessionService()
      .personSession.delete({ personId: removed.data.personId, sessionId: id })
      .go({ response: "none" });
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}

/**
 * "Sign out everywhere": every session of the person, in every organisation, found by a
 * strongly consistent read of the person's partition (and, for sessions made before it
 * existed, the person index). Returns how many sessions were ended.
 */
export async function revokeAllForPerson(personId: string): Promise<number> {
  const id = parseInput(Id, personId);
  const { session, personSession } = sessionService();
  const [rows, legacy] = await Promise.all([
    personSession.query.byPerson({ personId: id }).go({ pages: "all", consistent: true }),
    session.query.byPerson({ personId: id }).go({ pages: "all" }),
  ]);
  return removeAll(id, [...rows.data, ...legacy.data]);
}

/** Every session of one membership: on deactivation, or when the member leaves. */
export async function revokeAllForMember(orgId: string, memberId: string): Promise<number> {
  const { data } = await sessionEntity()
    .query.byMember({ orgId: parseInput(Id, orgId), memberId: parseInput(Id, memberId) })
    .go({ pages: "all" });
  // A membership belongs to one person.
  const personId = data[0]?.personId;
  return personId === undefined ? 0 : removeAll(personId, data);
}

/**
 * Deletes the person's sessions and their rows; the count is of sessions that still existed
 * (ended now, not before).
 */
async function removeAll(personId: string, sessions: { sessionId: string }[]): Promise<number> {
  const sessionIds = [...new Set(sessions.map((row) => row.sessionId))];
  const existed = await Promise.all(
    sessionIds.map(async (sessionId) => {
      const removed = await sessionEntity().delete({ sessionId }).go({ response: "all_old" });
      return removed.data ? 1 : 0;
    }),
  );
  let pending = sessionIds.map((sessionId) => ({ personId, sessionId }));
  // A batch may leave keys unprocessed under throttling: try those again, a few times, after
  // a short jittered pause.
  if (pending.length > 0) {
    await retryOnConflict(
      async () => {
        pending = (await sessionService().personSession.delete(pending).go()).unprocessed;
        return pending.length > 0 ? TRY_AGAIN : undefined;
      },
      {
        attempts: 4,
        conflict: () => new Error(`${pending.length} rows could not be deleted; try again`),
      },
    );
  }
  return existed.reduce<number>((sum, one) => sum + one, 0);
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
