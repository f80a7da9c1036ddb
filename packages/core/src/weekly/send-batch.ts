import { Log } from "../log";
import { Mail, type MailKind } from "../mail";
import { Member } from "../member";
import { WeekComposer } from "./compose";
import { Events } from "./events";
import { takeSendSlot } from "./pace";
import { wants } from "./recipients";
import { type Delivery, type SendOutcome, sendOnce } from "./send-once";

export type BatchResult = Record<SendOutcome["state"], number>;

/**
 * The `weekly-mail` subscriber's work for one `weekly.batch`: each member's e-mail sent once
 * (send-once.ts), at SES's pace. Members are read again at sending time, so one who left,
 * was deactivated, unsubscribed or whose address bounced since the fan-out gets nothing.
 * If SES fails, the rest of the batch is still tried and the batch is then thrown to retry:
 * the retry sends only what did not go.
 */
export async function sendBatch(delivered: unknown): Promise<BatchResult> {
  const { properties, metadata } = Events.Batch.parse(delivered);
  const { week, kind, memberIds } = properties;
  const { orgId } = metadata;
  const composer = await WeekComposer.of(orgId, week);
  const members = await Promise.all(memberIds.map((memberId) => Member.find(orgId, memberId)));
  const suppressed = await Mail.suppressedAmong(members.flatMap((member) => member?.email ?? []));
  const result: BatchResult = { sent: 0, skipped: 0, already: 0, uncertain: 0 };
  let failure: unknown;
  for (const [index, memberId] of memberIds.entries()) {
    const member = members[index];
    try {
      const delivery = await deliveryTo(composer, kind, member, suppressed);
      const outcome = await sendOnce({ orgId, week, kind, memberId }, delivery);
      result[outcome.state] += 1;
    } catch (error) {
      Log.error("a weekly e-mail was not sent; its batch will be retried", {
        orgId,
        week,
        kind,
        memberId,
        error,
      });
      failure ??= error;
    }
  }
  Log.info("weekly batch sent", { orgId, week, kind, ...result });
  if (failure) throw failure;
  return result;
}

async function deliveryTo(
  composer: WeekComposer,
  kind: MailKind,
  member: Member.Info | undefined,
  suppressed: Set<string>,
): Promise<Delivery> {
  if (!member || !wants(member, kind, composer.week)) return { skip: "no_longer_wanted" };
  if (suppressed.has(member.email)) return { skip: "suppressed" };
  const message = await composer.compose(member, kind);
  if (!message) return { skip: "nothing_new" };
  return {
    send: async () => {
      await takeSendSlot();
      return Mail.send({ to: member.email, ...message });
    },
  };
}
