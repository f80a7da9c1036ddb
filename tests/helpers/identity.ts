import { randomUUID } from "node:crypto";
import { Session } from "@sprida/core/auth";
import { Member, type Role } from "@sprida/core/member";
import { Org } from "@sprida/core/org";

export interface SeededMember {
  memberId: string;
  personId: string;
  email: string;
  role: Role;
  sessionToken: string;
}

export interface SeededOrg {
  orgId: string;
  name: string;
  owner: SeededMember;
  admin: SeededMember;
  curator: SeededMember;
  member: SeededMember;
  /** An address invited but not joined, with its invite token. */
  invited: { memberId: string; email: string; inviteToken: string };
}

/** An organisation with one signed-in member of each role, all with unique addresses. */
export async function seedOrganisation(label = "Org"): Promise<SeededOrg> {
  const unique = randomUUID().slice(0, 8);
  const org = await Org.create({
    name: `${label} ${unique}`,
    locale: "en",
    timeZone: "Europe/Stockholm",
    guidelines: `Guidelines of ${label} ${unique}`,
  });
  const join = async (role: Role): Promise<SeededMember> => {
    const email = `${role}-${unique}@${label.toLowerCase()}.example`;
    const { inviteToken } = await Member.invite({
      orgId: org.orgId,
      email,
      role,
      displayName: `${label} ${role}`,
      segment: { office: "Stockholm", unit: "Sales" },
      curatorTopics: role === "curator" ? ["product"] : undefined,
      invitedBy: Member.SYSTEM_ACTOR,
    });
    const membership = await Member.acceptInvite({ token: inviteToken, guidelinesVersion: 1 });
    const { sessionToken } = await Session.create(membership);
    return {
      memberId: membership.memberId,
      personId: membership.personId,
      email,
      role,
      sessionToken,
    };
  };
  const owner = await join("owner");
  const admin = await join("admin");
  const curator = await join("curator");
  const member = await join("member");
  const invitedEmail = `invited-${unique}@${label.toLowerCase()}.example`;
  const invitation = await Member.invite({
    orgId: org.orgId,
    email: invitedEmail,
    role: "member",
    invitedBy: owner.memberId,
  });
  return {
    orgId: org.orgId,
    name: org.name,
    owner,
    admin,
    curator,
    member,
    invited: {
      memberId: invitation.member.memberId,
      email: invitedEmail,
      inviteToken: invitation.inviteToken,
    },
  };
}
