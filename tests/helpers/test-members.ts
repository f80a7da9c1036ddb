import { randomUUID } from "node:crypto";
import {
  type Locale,
  Member,
  type MembershipRef,
  type Role,
  SYSTEM_ACTOR,
} from "@sprida/core/member";
import { Org, type Info as Organisation } from "@sprida/core/org";

/** For tests only: organisations and active members made the way the product makes them. */
export async function newOrganisation(
  options: { locale?: Locale; publicOrigin?: string } = {},
): Promise<Organisation> {
  return Org.create({
    name: `Org ${randomUUID().slice(0, 8)}`,
    locale: options.locale ?? "en",
    timeZone: "Europe/Stockholm",
    ...(options.publicOrigin && { publicOrigin: options.publicOrigin }),
    guidelines: "Share what you like; say that you work here.",
  });
}

export const newEmail = () => `person-${randomUUID()}@example.org`;

/** Invites `email` into `org` and accepts: an active membership. */
export async function activeMember(
  org: Organisation,
  email: string,
  role: Role = "member",
): Promise<MembershipRef> {
  const { inviteToken } = await Member.invite({
    orgId: org.orgId,
    email,
    role,
    invitedBy: SYSTEM_ACTOR,
  });
  return Member.acceptInvite({ token: inviteToken, guidelinesVersion: 1 });
}

/** An invited (not yet joined) membership. */
export async function invitedMember(org: Organisation, email: string): Promise<MembershipRef> {
  const { member } = await Member.invite({ orgId: org.orgId, email, invitedBy: SYSTEM_ACTOR });
  return Member.refOf(member);
}
