import type { MailKind } from "../mail";
import type { Member } from "../member";
import { Points } from "../points";
import { weekNumber } from "./week";

/**
 * Whether a member wants this week's e-mail of a kind: the admin report goes to owners and
 * admins who keep it on; the digest to members who keep it on, in the weeks of their
 * frequency (every week, every even week, every fourth week of the ISO year).
 */
export function wants(member: Member.Info, kind: MailKind, week: string): boolean {
  if (member.status !== "active") return false;
  if (kind === "admin-report") {
    return (member.role === "admin" || member.role === "owner") && member.mail.adminReport;
  }
  return member.privacy.weeklyDigest && weekNumber(week) % member.mail.digestEveryWeeks === 0;
}

/** The organisation's recipients of one week's e-mails, per kind (active members only). */
export async function recipientsOf(
  orgId: string,
  week: string,
): Promise<Record<MailKind, Member.Info[]>> {
  const members = await Points.activeMembers(orgId);
  return {
    "admin-report": members.filter((member) => wants(member, "admin-report", week)),
    digest: members.filter((member) => wants(member, "digest", week)),
  };
}
