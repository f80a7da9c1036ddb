import { retryOnConflict, TRY_AGAIN } from "../dynamo";
import { Errors } from "../error";
import { Org } from "../org";
import { Outbox } from "../outbox";
import { Person } from "../person";
import { Runtime } from "../runtime";
import { assertOwnerRemains, countDelta, counterWrites } from "./counts";
import { Events, membershipEvent } from "./events";
import { type MemberTransaction, memberService } from "./member.entity";
import { loadMember, notAMember, toMember } from "./read";

const MAX_ATTEMPTS = 3;

/**
 * The member leaves (their own choice; an invitation can be declined the same way).
 *
 * The membership item is REPLACED by a tombstone {orgId, memberId, status "left", leftAt}:
 * e-mail, name, segment, channels, privacy choices, guidelines acceptance and the link to
 * the person are gone, while totals that reference the memberId stay right and now name
 * nobody. With their last membership the person (the e-mail identity) is deleted in the same
 * transaction, and the address freed.
 *
 * Later features anonymise their own data about the member by consuming `member.left`
 * (properties {memberId}), written in the leave's transaction (the outbox) and published
 * after it: if the publish fails or the process dies first, the `outbox` job publishes it
 * later with the same id, so consumers must be idempotent. A repeated leave changes nothing
 * and publishes nothing.
 */
export async function leave(orgId: string, memberId: string): Promise<void> {
  return retryOnConflict(
    async () => {
      const item = await loadMember(orgId, memberId);
      if (!item) throw notAMember();
      // A repeated leave: its event is already on its way (the outbox keeps it until published).
      if (item.status === "left") return;
      const member = toMember(item);
      const delta = countDelta(member, undefined);
      await assertOwnerRemains(
        orgId,
        delta,
        "You are the last owner of this organisation. Make someone else an owner before you leave.",
      );
      const person = await Person.findWithMemberships(member.personId);
      const now = Runtime.use().now();
      const day = Org.localDay((await Org.get(orgId)).timeZone, now);
      const left = membershipEvent(Events.Left, orgId, memberId);
      const result = await memberService()
        .service.transaction.write((tx: MemberTransaction) => [
          tx.member
            .put({ orgId, memberId, status: "left", leftAt: now.toISOString() })
            .where(
              (attributes, op) =>
                `${op.eq(attributes.status, member.status)} AND ${op.eq(attributes.role, member.role)}`,
            )
            .commit(),
          tx.link.delete({ personId: member.personId, orgId }).commit(),
          ...lastMembershipOf(tx, person),
          ...oneMembershipLessOf(tx, person),
          ...(member.inviteTokenHash
            ? [tx.token.delete({ tokenHash: member.inviteTokenHash }).commit()]
            : []),
          ...counterWrites(tx, orgId, day, delta),
          Outbox.outboxWrite(tx, left),
        ])
        .go();
      if (result.canceled) return TRY_AGAIN;
      await Outbox.publishKept(left);
    },
    {
      attempts: MAX_ATTEMPTS,
      conflict: () =>
        Errors.conflict("member_busy", "Your membership was changed at the same time. Try again."),
    },
  );
}

type StoredPerson = Awaited<ReturnType<typeof Person.findWithMemberships>>;

/**
 * With their last membership the person and the e-mail key go. Conditional on the count
 * read, so a concurrent invite makes this attempt retry instead of deleting a person who
 * just gained a membership.
 */
function lastMembershipOf(tx: MemberTransaction, person: StoredPerson) {
  if (!person || person.memberships > 1) return [];
  const { personId, email, memberships } = person;
  return [
    tx.person
      .delete({ personId })
      .where((attributes, op) =>
        memberships === 1
          ? op.eq(attributes.memberships, 1)
          : `${op.exists(attributes.personId)} AND (${op.notExists(attributes.memberships)} OR ${op.lte(attributes.memberships, 0)})`,
      )
      .commit(),
    tx.personEmail
      .delete({ email })
      .where((attributes, op) => op.eq(attributes.personId, personId))
      .commit(),
  ];
}

/** Otherwise the person has one membership less (conditional on the count read, likewise). */
function oneMembershipLessOf(tx: MemberTransaction, person: StoredPerson) {
  if (!person || person.memberships <= 1) return [];
  return [
    tx.person
      .patch({ personId: person.personId })
      .add({ memberships: -1 })
      .where((attributes, op) => op.eq(attributes.memberships, person.memberships))
      .commit(),
  ];
}
