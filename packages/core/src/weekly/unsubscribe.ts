import { Errors } from "../error";
import type { MailKind } from "../mail";
import { Member } from "../member";
import { Org } from "../org";
import { openUnsubscribeToken, type UnsubscribeTarget } from "./unsubscribe-token";

export interface SubscriptionView {
  kind: MailKind;
  orgName: string;
  subscribed: boolean;
}

async function memberOf(target: UnsubscribeTarget) {
  const [member, org] = await Promise.all([
    Member.find(target.orgId, target.memberId),
    Org.find(target.orgId),
  ]);
  if (!member || !org) {
    throw Errors.notFound(
      "member_not_found",
      "This membership no longer exists: nothing is sent to it.",
    );
  }
  return { member, org };
}

const isSubscribed = (member: Member.Info, kind: MailKind) =>
  kind === "admin-report" ? member.mail.adminReport : member.privacy.weeklyDigest;

/** What an unsubscribe link is for, changing nothing (a mail scanner may open the page). */
export async function subscription(token: string): Promise<SubscriptionView> {
  const target = await openUnsubscribeToken(token);
  const { member, org } = await memberOf(target);
  return { kind: target.kind, orgName: org.name, subscribed: isSubscribed(member, target.kind) };
}

/**
 * Turns the link's kind of e-mail off (the hub's button, or a mail client's RFC 8058 one-click
 * POST) or on again. Doing it twice changes nothing more.
 */
export async function setSubscribed(
  target: UnsubscribeTarget,
  subscribed: boolean,
): Promise<SubscriptionView> {
  const { member, org } = await memberOf(target);
  if (isSubscribed(member, target.kind) !== subscribed) {
    await Member.updateProfile(
      target.orgId,
      target.memberId,
      target.kind === "admin-report"
        ? { mail: { adminReport: subscribed } }
        : { privacy: { ...member.privacy, weeklyDigest: subscribed } },
    );
  }
  return { kind: target.kind, orgName: org.name, subscribed };
}
