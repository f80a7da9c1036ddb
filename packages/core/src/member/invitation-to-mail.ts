import { memberService } from "./member.entity";
import type { Info as Member } from "./member.schema";
import { loadMember, toMember } from "./read";
import { openInviteToken } from "./token";

/** What the invitation mail needs: the invited member, their join token, how long it lasts. */
export interface InvitationToMail {
  member: Member;
  inviteToken: string;
  /** When the token's row goes: no delivery of its event can matter after that. */
  forgottenAt: Date;
}

/**
 * The invitation named by a `member.invited` event, if it is still the member's pending one:
 * nothing once the member has joined or left, or a newer invitation (a re-send, mailed by its
 * own event) replaced this token. Nothing either for an invitation not made to be mailed
 * (its token was handed to the caller and no copy kept), or made before invitations were
 * mailed by their event (it was mailed then).
 */
export async function invitationToMail(
  orgId: string,
  memberId: string,
  tokenHash: string,
): Promise<InvitationToMail | undefined> {
  const item = await loadMember(orgId, memberId);
  if (item?.status !== "invited" || item.inviteTokenHash !== tokenHash) return undefined;
  const { data: token } = await memberService().token.get({ tokenHash }).go({ consistent: true });
  if (!token?.sealedToken || token.usedAt || token.orgId !== orgId) return undefined;
  const { inviteTokenHash: _, ...member } = toMember(item);
  return {
    member,
    inviteToken: await openInviteToken(token.sealedToken, tokenHash),
    forgottenAt: new Date(token.expiresAt * 1000),
  };
}
