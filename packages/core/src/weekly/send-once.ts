import { isConditionalCheckFailure } from "../error";
import type { MailKind } from "../mail";
import { Runtime } from "../runtime";
import { sendRecordEntity } from "./send-record.entity";

const KEEP_SECONDS = 366 * 24 * 60 * 60;

export interface SendKey {
  orgId: string;
  week: string;
  kind: MailKind;
  memberId: string;
}

/**
 * How one recipient's e-mail of one week ended: sent now; skipped now (with why); or left as
 * it was, because an earlier run sent or skipped it (`already`) or claimed it and never said
 * how it ended (`uncertain`: the process died between the claim and its mark, so it may have
 * gone out; it is not sent again, because twice is worse than once missed).
 */
export type SendOutcome =
  | { state: "sent"; messageId?: string }
  | { state: "skipped"; note: string }
  | { state: "already" }
  | { state: "uncertain" };

/** What the caller does for the recipient: send (returning SES's id), or skip with a reason. */
export type Delivery = { send: () => Promise<{ messageId?: string }> } | { skip: string };

const expiresAt = () => Math.floor(Runtime.use().now().getTime() / 1000) + KEEP_SECONDS;

/**
 * Exactly once per recipient and week: a record is written under a condition (none yet, or
 * one whose send SES refused) before the e-mail goes, and marked sent after. A rerun finds
 * the record and leaves it: sent and skipped e-mails are not sent again, failed ones are.
 * If SES refuses, the record says so and the error is thrown, so the batch is retried.
 */
export async function sendOnce(key: SendKey, delivery: Delivery): Promise<SendOutcome> {
  const entity = sendRecordEntity();
  const at = Runtime.use().now().toISOString();
  const state = "skip" in delivery ? "skipped" : "sending";
  try {
    await entity
      .put({
        ...key,
        state,
        at,
        expiresAt: expiresAt(),
        ...("skip" in delivery && { note: delivery.skip }),
      })
      .where(
        (attributes, op) =>
          `${op.notExists(attributes.state)} OR ${op.eq(attributes.state, "failed")}`,
      )
      .go({ response: "none" });
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    const { data } = await entity.get(key).go({ consistent: true });
    return data?.state === "sending" ? { state: "uncertain" } : { state: "already" };
  }
  if ("skip" in delivery) return { state: "skipped", note: delivery.skip };
  let messageId: string | undefined;
  try {
    ({ messageId } = await delivery.send());
  } catch (error) {
    await entity
      .patch(key)
      .set({ state: "failed", at: Runtime.use().now().toISOString() })
      .go({ response: "none" });
    throw error;
  }
  await entity
    .patch(key)
    .set({ state: "sent", at: Runtime.use().now().toISOString(), ...(messageId && { messageId }) })
    .go({ response: "none" });
  return { state: "sent", ...(messageId && { messageId }) };
}

export interface WeekTally {
  sent: number;
  skipped: number;
  failed: number;
  /** Claimed and not yet marked: being sent now, or uncertain after a crash. */
  pending: number;
}

/** How one week's e-mails of one kind went, from their records (one paged query). */
export async function tallyOf(orgId: string, week: string, kind: MailKind): Promise<WeekTally> {
  const { data } = await sendRecordEntity()
    .query.byWeek({ orgId, week, kind })
    .go({ pages: "all", attributes: ["state"] });
  const tally: WeekTally = { sent: 0, skipped: 0, failed: 0, pending: 0 };
  for (const { state } of data) {
    if (state === "sending") tally.pending += 1;
    else if (state) tally[state] += 1;
  }
  return tally;
}

/** The weekly e-mails of the last year to one member: what the member's data export shows. */
export async function sendsTo(
  orgId: string,
  memberId: string,
  weeks: readonly string[],
): Promise<{ week: string; kind: MailKind; state: string; at: string }[]> {
  const keys = weeks.flatMap((week) =>
    (["admin-report", "digest"] as const).map((kind) => ({ orgId, week, kind, memberId })),
  );
  if (keys.length === 0) return [];
  const { data } = await sendRecordEntity().get(keys).go({ consistent: true });
  return data
    .map(({ week, kind, state, at }) => ({ week, kind, state, at }))
    .sort((a, b) => b.week.localeCompare(a.week) || a.kind.localeCompare(b.kind));
}
