import { Mail } from "../mail";
import { Member } from "../member";
import { Org } from "../org";

/** Invites an address and e-mails the join link, built from the organisation's own origin. */
export async function inviteByMail(input: Member.InviteInput) {
  const { member, inviteToken } = await Member.invite(input);
  await mailInvitation(member, inviteToken);
  return member;
}

/** Invites every valid row of a CSV and mails each invited address; tokens never leave here. */
export async function inviteCsvByMail(input: Member.InviteCsvInput) {
  const rows = await Member.inviteCsv(input);
  for (const row of rows) {
    if (row.outcome === "invited" && row.inviteToken && row.memberId) {
      await mailInvitation(await Member.get(input.orgId, row.memberId), row.inviteToken);
    }
  }
  return rows.map(({ inviteToken: _, ...row }) => row);
}

async function mailInvitation(member: Member.Member, token: string) {
  const org = await Org.get(member.orgId);
  const message = Mail.inviteMessage({
    locale: member.locale,
    orgName: org.name,
    link: Mail.buildLink(Org.publicOriginOf(org), "/join", { token }),
    expiresAt: new Date(member.inviteExpiresAt ?? 0),
    timeZone: org.timeZone,
  });
  await Mail.send({ to: member.email, ...message });
}
