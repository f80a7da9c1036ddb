import { randomUUID } from "node:crypto";
import { auditWrite } from "../audit";
import { MS_PER_DAY } from "../day";
import { retryOnConflict, TRY_AGAIN } from "../dynamo";
import { Errors, parseInput } from "../error";
import { Org, type Info as Organisation } from "../org";
import { Outbox } from "../outbox";
import { Person } from "../person";
import { Runtime } from "../runtime";
import { assertMayTouchOwner } from "./actor";
import { countDelta, counterWrites } from "./counts";
import { invitedEvent } from "./events";
import { type MemberItem, type MemberTransaction, memberService } from "./member.entity";
import {
  DEFAULT_PRIVACY,
  InviteInput,
  type InviteInput as InviteInputType,
  type Info as Member,
  ROLE_RANK,
  type Role,
  SYSTEM_ACTOR,
} from "./member.schema";
import { loadMember, type PresentMember, publicMember, toMember } from "./read";
import { newInviteToken, sealInviteToken } from "./token";

const MAX_ATTEMPTS = 5;
/** Token items outlive their validity by this much, so an old link says "expired", not "unknown". */
const EXPIRED_KEPT_MS = 30 * MS_PER_DAY;

export type ParsedInvite = ReturnType<typeof InviteInput.parse>;

export interface Invitation {
  member: Member;
  /**
   * The secret for the join link. The table holds its hash and, when the invitation is
   * mailed, the token sealed for the `member.invited` subscriber that mails it.
   */
  inviteToken: string;
}

/**
 * Invites an address. A new address (or one that left before) gets a new membership with
 * a new memberId; an address with a pending invitation gets a fresh token and the old one
 * stops working (a re-sent invitation); a member or deactivated member is a conflict.
 * Each invitation writes `member.invited` with it (the outbox), published after the commit;
 * for a `mailed` invitation its subscriber mails the join link, so nothing here waits on the
 * mail service.
 */
export async function invite(input: InviteInputType): Promise<Invitation> {
  const parsed = parseInput(InviteInput, input);
  return inviteInto(await Org.get(parsed.orgId), parsed);
}

/**
 * `invite` for a known organisation; the CSV import reads the organisation and the
 * inviter's role once and passes them in.
 */
export async function inviteInto(
  org: Organisation,
  input: ParsedInvite,
  inviterRole?: InviterRole,
): Promise<Invitation> {
  const inviter = {
    role: toRole(inviterRole ?? (await inviterRoleOf(org.orgId, input.invitedBy))),
  };
  return retryOnConflict(
    async () => {
      const person = await Person.findOrCreate(input.email);
      const { data: link } = await memberService()
        .link.get({ personId: person.personId, orgId: org.orgId })
        .go({ consistent: true });
      const existing = link ? await loadMember(org.orgId, link.memberId) : undefined;
      if (link && !existing) throw new Error(`Membership link to missing member ${link.memberId}`);
      if (existing && existing.status !== "invited") throw alreadyMember(existing.status);
      const pending = existing ? toMember(existing) : undefined;
      // Only owners invite owners, or change (by re-inviting) an owner's pending invitation.
      assertMayTouchOwner(inviter, [input.role ?? "member", ...(pending ? [pending.role] : [])]);
      const invitation = pending
        ? await reissue(pending, input)
        : await createMembership(org, person.personId, input);
      // Lost a race (a concurrent invite of the address, or counters busy): read again.
      return invitation ?? TRY_AGAIN;
    },
    {
      attempts: MAX_ATTEMPTS,
      conflict: () =>
        Errors.conflict("invite_busy", "This address was invited at the same time. Try again."),
    },
  );
}

export function alreadyMember(status: MemberItem["status"]) {
  return Errors.conflict(
    "already_member",
    status === "deactivated"
      ? "This address belongs to a deactivated member. Reactivate them instead."
      : "This address is already a member of the organisation.",
  );
}

/** An active admin's or owner's role, or the system (which may invite anyone as anything). */
export type InviterRole = Role | typeof SYSTEM_ACTOR;

/** Who may invite: the system, or an active admin or owner of the organisation. */
export async function inviterRoleOf(orgId: string, invitedBy: string): Promise<InviterRole> {
  if (invitedBy === SYSTEM_ACTOR) return SYSTEM_ACTOR;
  const inviter = await loadMember(orgId, invitedBy);
  if (inviter?.status !== "active" || !inviter.role || ROLE_RANK[inviter.role] < ROLE_RANK.admin) {
    throw Errors.forbidden("admin_required", "Only admins of this organisation can invite.");
  }
  return inviter.role;
}

export const toRole = (inviter: InviterRole): Role =>
  inviter === SYSTEM_ACTOR ? "owner" : inviter;

function invitationTimes(input: ParsedInvite) {
  const now = Runtime.use().now();
  const validUntil = new Date(now.getTime() + input.expiresInDays * MS_PER_DAY);
  return {
    now: now.toISOString(),
    validUntil: validUntil.toISOString(),
    expiresAt: Math.ceil((validUntil.getTime() + EXPIRED_KEPT_MS) / 1000),
  };
}

export function searchTextOf(email: string, displayName: string | undefined): string {
  return `${email}\n${displayName ?? ""}`.toLowerCase();
}

async function createMembership(
  org: Organisation,
  personId: string,
  input: ParsedInvite,
): Promise<Invitation | undefined> {
  const membership = await newMembership(org, personId, input);
  const result = await memberService()
    .service.transaction.write((tx) => [
      ...membershipWrites(tx, membership),
      tx.person.patch({ personId }).add({ memberships: 1 }).commit(),
      ...counterWrites(tx, org.orgId, membership.day, countDelta(undefined, membership.item)),
    ])
    .go();
  if (result.canceled) return undefined;
  await Outbox.publishKept(membership.event);
  return invitationOf(membership);
}

export type NewMembership = Awaited<ReturnType<typeof newMembership>>;

/**
 * A new invited membership of a person, with its token (also sealed, when it is to be
 * mailed) and its `member.invited`; nothing is written yet.
 */
export async function newMembership(org: Organisation, personId: string, input: ParsedInvite) {
  const { token, tokenHash } = newInviteToken();
  const sealedToken = input.mailed ? await sealInviteToken(token, tokenHash) : undefined;
  const times = invitationTimes(input);
  const memberId = randomUUID();
  const item = {
    orgId: org.orgId,
    memberId,
    status: "invited" as const,
    personId,
    role: input.role ?? "member",
    email: input.email,
    displayName: input.displayName,
    searchText: searchTextOf(input.email, input.displayName),
    locale: org.locale,
    segment: input.segment ?? {},
    channels: [],
    privacy: DEFAULT_PRIVACY,
    curatorTopics: input.curatorTopics ?? [],
    invitedAt: times.now,
    invitedBy: input.invitedBy,
    inviteTokenHash: tokenHash,
    inviteExpiresAt: times.validUntil,
  };
  const day = Org.localDay(org.timeZone, new Date(times.now));
  const event = invitedEvent(org.orgId, memberId, tokenHash);
  return { item, token, tokenHash, sealedToken, times, day, event };
}

/**
 * The membership's own writes, its `member.invited` included; the caller adds the person's
 * count and the organisation's counters, and publishes the event after the commit. The member
 * and link creates are conditional: an address is never invited twice.
 */
export function membershipWrites(tx: MemberTransaction, membership: NewMembership) {
  const { item, tokenHash, sealedToken, times, event } = membership;
  const { orgId, memberId, personId } = item;
  return [
    tx.member.create(item).commit(),
    tx.link.create({ personId, orgId, memberId }).commit(),
    tokenWrite(tx, { tokenHash, sealedToken, orgId, memberId, times }),
    Outbox.outboxWrite(tx, event),
    auditWrite(tx, {
      orgId,
      actorMemberId: item.invitedBy,
      action: "member.invited",
      targetMemberId: memberId,
      details: { role: item.role },
    }),
  ];
}

/** The invitation token's row: the one link to `/join` that works until `validUntil`. */
function tokenWrite(
  tx: MemberTransaction,
  invitation: {
    tokenHash: string;
    /** Only for an invitation to be mailed. */
    sealedToken: string | undefined;
    orgId: string;
    memberId: string;
    times: { validUntil: string; expiresAt: number };
  },
) {
  const { tokenHash, sealedToken, orgId, memberId, times } = invitation;
  return tx.token
    .create({
      tokenHash,
      sealedToken,
      orgId,
      memberId,
      validUntil: times.validUntil,
      expiresAt: times.expiresAt,
    })
    .commit();
}

export function invitationOf({ item, token }: NewMembership): Invitation {
  return { member: publicMember(toMember(item)), inviteToken: token };
}

/**
 * A new token for a pending invitation (a re-sent invitation, with a `member.invited` of its
 * own); the old one stops working in the same transaction.
 */
async function reissue(
  existing: PresentMember,
  input: ParsedInvite,
): Promise<Invitation | undefined> {
  const { token, tokenHash } = newInviteToken();
  const sealedToken = input.mailed ? await sealInviteToken(token, tokenHash) : undefined;
  const times = invitationTimes(input);
  const displayName = input.displayName ?? existing.displayName;
  const changes = {
    role: input.role ?? existing.role,
    displayName,
    searchText: searchTextOf(existing.email, displayName),
    segment: input.segment ?? existing.segment,
    curatorTopics: input.curatorTopics ?? existing.curatorTopics,
    invitedAt: times.now,
    invitedBy: input.invitedBy,
    inviteTokenHash: tokenHash,
    inviteExpiresAt: times.validUntil,
  };
  const previousHash = existing.inviteTokenHash;
  const { orgId, memberId } = existing;
  const event = invitedEvent(orgId, memberId, tokenHash);
  const result = await memberService()
    .service.transaction.write((tx) => [
      tx.member
        .patch({ orgId, memberId })
        .set(changes)
        .where((attributes, op) =>
          previousHash === undefined
            ? `${op.eq(attributes.status, "invited")} AND ${op.notExists(attributes.inviteTokenHash)}`
            : `${op.eq(attributes.status, "invited")} AND ${op.eq(attributes.inviteTokenHash, previousHash)}`,
        )
        .commit(),
      ...(previousHash ? [tx.token.delete({ tokenHash: previousHash }).commit()] : []),
      tokenWrite(tx, { tokenHash, sealedToken, orgId, memberId, times }),
      Outbox.outboxWrite(tx, event),
      auditWrite(tx, {
        orgId,
        actorMemberId: input.invitedBy,
        action: "member.invited",
        targetMemberId: memberId,
        details: { role: changes.role, reissued: true },
      }),
    ])
    .go();
  if (result.canceled) return undefined;
  await Outbox.publishKept(event);
  const { inviteTokenHash: _, ...member } = { ...existing, ...changes };
  return { member: publicMember(member), inviteToken: token };
}
