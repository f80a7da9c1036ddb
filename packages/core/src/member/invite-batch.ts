import { randomUUID } from "node:crypto";
import { getAll, retryOnConflict, TRY_AGAIN } from "../dynamo";
import type { Info as Organisation } from "../org";
import { Outbox } from "../outbox";
import { Runtime } from "../runtime";
import { assertMayTouchOwner } from "./actor";
import { type CountDelta, countDelta, counterWrites } from "./counts";
import {
  alreadyMember,
  type Invitation,
  type InviterRole,
  invitationOf,
  inviteInto,
  membershipWrites,
  type NewMembership,
  newMembership,
  type ParsedInvite,
  toRole,
} from "./invite";
import { memberService } from "./member.entity";

/**
 * Rows per transaction: each new address is at most seven items (member, link, token, audit,
 * its `member.invited` in the outbox, person and its e-mail key) and the organisation's two
 * counters are written once: 14 × 7 + 2 = 100, DynamoDB's limit of items per transaction.
 */
const ROWS_PER_TRANSACTION = 14;
/** Transactions at once; they contend only on the organisation's counters, and retry. */
const TRANSACTION_CONCURRENCY = 4;
const MAX_ATTEMPTS = 5;
/** For the rows that need the one-at-a-time path (pending invitations, lost races). */
const ROW_CONCURRENCY = 4;

export type Settled = { invitation: Invitation } | { error: unknown };

/**
 * `inviteInto` for many addresses at once, with the same outcomes. The state of every address
 * is read in batches; new addresses are created many to a transaction whose conditional
 * creates (e-mail key, membership link, member) still decide, so a concurrent import cannot
 * invite an address twice: a transaction that loses such a race is undone whole and its rows
 * go through `inviteInto`, as do addresses with a pending invitation (a new token). Each
 * invitation's `member.invited` is written with it and published after the commit, so its
 * mail is sent by the subscriber, not by this request.
 */
export async function inviteMany(
  org: Organisation,
  invites: ParsedInvite[],
  inviterRole: InviterRole,
): Promise<Settled[]> {
  const results: Settled[] = new Array(invites.length);
  const inviter = { role: toRole(inviterRole) };
  const state = await readState(org.orgId, invites);
  const fresh: { index: number; membership: NewMembership; newPerson: boolean }[] = [];
  const oneByOne: number[] = [];
  for (const [index, invite] of invites.entries()) {
    try {
      assertMayTouchOwner(inviter, [invite.role ?? "member"]);
    } catch (error) {
      results[index] = { error };
      continue;
    }
    const { personId, status } = state.get(invite.email) ?? {};
    if (status === "active" || status === "deactivated") {
      results[index] = { error: alreadyMember(status) };
    } else if (status !== undefined) {
      oneByOne.push(index);
    } else {
      const membership = await newMembership(org, personId ?? randomUUID(), invite);
      fresh.push({ index, membership, newPerson: personId === undefined });
    }
  }

  const chunks: (typeof fresh)[] = [];
  for (let start = 0; start < fresh.length; start += ROWS_PER_TRANSACTION) {
    chunks.push(fresh.slice(start, start + ROWS_PER_TRANSACTION));
  }
  await forEachConcurrently(chunks, TRANSACTION_CONCURRENCY, async (chunk) => {
    if (await createAllRetried(org, chunk)) {
      await Outbox.publishKept(...chunk.map(({ membership }) => membership.event));
      for (const { index, membership } of chunk) {
        results[index] = { invitation: invitationOf(membership) };
      }
    } else {
      oneByOne.push(...chunk.map(({ index }) => index));
    }
  });

  await forEachConcurrently(oneByOne, ROW_CONCURRENCY, async (index) => {
    const invite = invites[index] as ParsedInvite;
    try {
      results[index] = { invitation: await inviteInto(org, invite, inviterRole) };
    } catch (error) {
      results[index] = { error };
    }
  });
  return results;
}

/** Each address's person and, if it has one, its membership's status in the organisation. */
async function readState(orgId: string, invites: ParsedInvite[]) {
  const service = memberService();
  const { personEmail } = service.service.entities;
  const emails = [...new Set(invites.map(({ email }) => email))];
  const keys = await getAll(
    emails.map((email) => ({ email })),
    (batch: { email: string }[]) => personEmail.get(batch).go({ consistent: true }),
  );
  const links = await getAll(
    keys.map(({ personId }) => ({ personId, orgId })),
    (batch: { personId: string; orgId: string }[]) =>
      service.link.get(batch).go({ consistent: true }),
  );
  const members = await getAll(
    links.map(({ memberId }) => ({ orgId, memberId })),
    (batch: { orgId: string; memberId: string }[]) =>
      service.member.get(batch).go({ consistent: true }),
  );
  const statusOf = new Map(members.map(({ memberId, status }) => [memberId, status]));
  const linkOf = new Map(links.map((link) => [link.personId, link.memberId]));
  const state = new Map<string, { personId: string; status?: string }>();
  for (const { email, personId } of keys) {
    const memberId = linkOf.get(personId);
    // A link to a member not read (or missing) goes the one-at-a-time way, which explains it.
    const status = memberId === undefined ? undefined : (statusOf.get(memberId) ?? "unknown");
    state.set(email, { personId, status });
  }
  return state;
}

type Fresh = { membership: NewMembership; newPerson: boolean };

/**
 * `createAll`, again after a pause while it only collided with another transaction on the
 * counters; false when a condition failed (an address taken meanwhile) or it kept colliding.
 */
async function createAllRetried(org: Organisation, chunk: Fresh[]): Promise<boolean> {
  return retryOnConflict(
    async () => {
      const outcome = await createAll(org, chunk);
      return outcome === "collided" ? TRY_AGAIN : outcome === "created";
    },
    { attempts: MAX_ATTEMPTS, exhausted: () => false },
  );
}

/** Creates the memberships in one transaction, all or none. */
async function createAll(
  org: Organisation,
  chunk: Fresh[],
): Promise<"created" | "refused" | "collided"> {
  const total: CountDelta = { active: 0, invited: 0, owners: 0 };
  for (const { membership } of chunk) {
    const delta = countDelta(undefined, membership.item);
    total.active += delta.active;
    total.invited += delta.invited;
    total.owners += delta.owners;
  }
  const day = chunk[0]?.membership.day ?? "";
  const createdAt = Runtime.use().now().toISOString();
  const result = await memberService()
    .service.transaction.write((tx) => [
      ...chunk.flatMap(({ membership, newPerson }) => {
        const { personId, email } = membership.item;
        const person = newPerson
          ? [
              tx.person.create({ personId, email, createdAt, memberships: 1 }).commit(),
              tx.personEmail.create({ email, personId }).commit(),
            ]
          : [tx.person.patch({ personId }).add({ memberships: 1 }).commit()];
        return [...membershipWrites(tx, membership), ...person];
      }),
      ...counterWrites(tx, org.orgId, day, total),
    ])
    .go();
  if (!result.canceled) return "created";
  const codes = result.data.map(({ code }) => code);
  return codes.every((code) => code === "None" || code === "TransactionConflict")
    ? "collided"
    : "refused";
}

async function forEachConcurrently<T>(
  items: T[],
  limit: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
