import { Member } from "../member";

/**
 * Invites an address. The join link is mailed by the `invitation-mail` subscriber of the
 * invitation's `member.invited` (packages/functions/src/events/rules.ts), after this returns.
 */
export async function inviteByMail(input: Member.InviteInput) {
  const { member } = await Member.invite({ ...input, mailed: true });
  return member;
}

/**
 * Invites every valid row of a CSV; each invited address is mailed by the subscriber, as
 * above. Tokens never leave here.
 */
export async function inviteCsvByMail(input: Member.InviteCsvInput) {
  const rows = await Member.inviteCsv({ ...input, mailed: true });
  return rows.map(({ inviteToken: _, member: __, ...row }) => row);
}
