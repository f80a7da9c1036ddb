import { Mail } from "../mail";
import { Member } from "../member";
import { Org } from "../org";

/** Invites an address and e-mails the join link, built from the organisation's own origin. */
export async function inviteByMail(input: Member.InviteInput) {
  const { member, inviteToken } = await Member.invite(input);
  await mailInvitation(member, inviteToken);
  return member;
}

/** Mails sent at once by a CSV import: enough to hide the mail service's latency, not flood it. */
const MAIL_CONCURRENCY = 8;

/** Invites every valid row of a CSV and mails each invited address; tokens never leave here. */
export async function inviteCsvByMail(input: Member.InviteCsvInput) {
  const rows = await Member.inviteCsv(input);
  const org = await Org.get(input.orgId);
  const toMail = rows.filter((row) => row.outcome === "invited");
  let next = 0;
  const mailer = async () => {
    for (let row = toMail[next++]; row; row = toMail[next++]) {
      if (row.member && row.inviteToken) await mailInvitation(row.member, row.inviteToken, org);
    }
  };
  await Promise.all(Array.from({ length: MAIL_CONCURRENCY }, mailer));
  return rows.map(({ inviteToken: _, member: __, ...row }) => row);
}

async function mailInvitation(member: Member.Member, token: string, org?: Org.Organisation) {
  org ??= await Org.get(member.orgId);
  const message = Mail.inviteMessage({
    locale: member.locale,
    orgName: org.name,
    link: Mail.buildLink(Org.publicOriginOf(org), "/join", { token }),
    expiresAt: new Date(member.inviteExpiresAt ?? 0),
    timeZone: org.timeZone,
  });
  await Mail.send({ to: member.email, ...message });
}
