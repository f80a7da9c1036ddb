import type { MembershipRef } from "../member";
import { Member } from "../member";
import { Org } from "../org";
import { Person } from "../person";

/**
 * Everything auth asks of people, memberships and organisations, in one place. Only an
 * ACTIVE membership can sign in or hold a session; invited and deactivated cannot (and a
 * member who left has no membership at all).
 */
export type ActiveMembership = MembershipRef & { status: "active" };

const isActive = <M extends MembershipRef>(membership: M): membership is M & ActiveMembership =>
  membership.status === "active";

export async function findPerson(email: string): Promise<{ personId: string } | undefined> {
  return Person.findByEmail(email);
}

/** The person's active memberships, in the member domain's order (by organisation name). */
export async function activeMembershipsOf(personId: string): Promise<ActiveMembership[]> {
  return (await Member.membershipsOfPerson(personId)).filter(isActive);
}

/**
 * The person's active membership in `orgId` (and, when given, as `memberId`), read
 * strongly consistently: a deactivation or role change is seen by the very next request.
 */
export async function activeMembershipIn(
  personId: string,
  orgId: string,
  memberId?: string,
): Promise<ActiveMembership | undefined> {
  const membership = await Member.membershipOf(personId, orgId);
  if (!membership || !isActive(membership)) return undefined;
  if (memberId !== undefined && membership.memberId !== memberId) return undefined;
  return membership;
}

/** What a sign-in e-mail needs to know about the organisation (its links' origin checked). */
export async function organisationForMail(orgId: string) {
  const org = await Org.get(orgId);
  return { name: org.name, locale: org.locale, publicOrigin: Org.publicOriginOf(org) };
}
