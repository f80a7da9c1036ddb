import { Member, type Role } from "@sprida/core/member";
import { Person } from "@sprida/core/person";
import { z } from "zod";

/** One of the person's active memberships, with its organisation's name. */
const MembershipView = Member.Info.pick({ orgId: true, role: true, status: true }).extend({
  orgName: z.string(),
});

/** Who is signed in, where, and where else they could be. */
export const SessionView = Member.Info.pick({
  email: true,
  orgId: true,
  memberId: true,
  role: true,
}).extend({
  orgName: z.string(),
  memberships: z.array(MembershipView),
  /** False for a session begun with an invitation link: switching needs a sign-in. */
  canSwitch: z.boolean(),
});
export type SessionView = z.infer<typeof SessionView>;

export async function sessionView(session: {
  personId: string;
  orgId: string;
  memberId: string;
  role: Role;
  startedBy: "sign-in" | "invitation";
}): Promise<SessionView> {
  const [person, memberships] = await Promise.all([
    Person.get(session.personId),
    Member.membershipsOfPerson(session.personId),
  ]);
  const active = memberships.filter((membership) => membership.status === "active");
  return {
    email: person.email,
    orgId: session.orgId,
    orgName: active.find((m) => m.orgId === session.orgId)?.orgName ?? "",
    memberId: session.memberId,
    role: session.role,
    memberships: active.map(({ orgId, orgName, role, status }) => ({
      orgId,
      orgName,
      role,
      status,
    })),
    canSwitch: session.startedBy === "sign-in",
  };
}
