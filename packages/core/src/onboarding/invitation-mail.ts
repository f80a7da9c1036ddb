import { onceForEvent } from "../event";
import { Mail } from "../mail";
import { Member } from "../member";
import { Org } from "../org";

/** The name this effect is recorded under, once per `member.invited`. */
const EFFECT = "invitation-mail";

/**
 * The `invitation-mail` subscriber's work for one delivered `member.invited`: mails the join
 * link, built from the organisation's own origin, once per event however often it arrives.
 * Nothing is sent for an invitation no longer pending (joined, left, or replaced by a re-send
 * with its own event), not made to be mailed, or to a suppressed address. Throws to have the event retried (the mail
 * service failed).
 */
export async function mailInvitation(
  delivered: unknown,
): Promise<"sent" | "already-sent" | "nothing-to-mail"> {
  const { properties, metadata } = Member.Events.Invited.parse(delivered);
  const invitation = await Member.invitationToMail(
    metadata.orgId,
    properties.memberId,
    properties.tokenHash,
  );
  // An address that bounced hard or complained is never mailed again (packages/core/src/weekly).
  if (!invitation || (await Mail.isSuppressed(invitation.member.email))) return "nothing-to-mail";
  const outcome = await onceForEvent(
    EFFECT,
    metadata,
    { keepUntil: invitation.forgottenAt },
    async () => {
      const { member, inviteToken } = invitation;
      const org = await Org.get(member.orgId);
      const message = await Mail.inviteMessage({
        locale: member.locale,
        orgName: org.name,
        link: Mail.buildLink(Org.publicOriginOf(org), "/join", { token: inviteToken }),
        expiresAt: new Date(member.inviteExpiresAt ?? 0),
        timeZone: org.timeZone,
      });
      await Mail.send({ to: member.email, ...message });
    },
  );
  return outcome === "done" ? "sent" : "already-sent";
}
