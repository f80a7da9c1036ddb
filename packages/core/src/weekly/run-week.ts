import { Outbox } from "../outbox";
import { Runtime } from "../runtime";
import { BATCH_SIZE, Events } from "./events";
import { recipientsOf } from "./recipients";
import { weekBefore } from "./week";

/**
 * One organisation's unit of the `weekly-mail` job (its period is the ISO week it runs in):
 * reports the week before, fanning its recipients out in batches of `BATCH_SIZE`, one event
 * each, kept in the outbox first so none is lost. The ids are the batch's place, so a unit
 * run again makes the same events, and the send records make sending them again harmless.
 */
export async function fanOut({ orgId, period }: { orgId: string; period: string }) {
  const week = weekBefore(period);
  const recipients = await recipientsOf(orgId, week);
  const now = Runtime.use().now();
  const events = (["admin-report", "digest"] as const).flatMap((kind) =>
    chunks(
      recipients[kind].map((member) => member.memberId),
      BATCH_SIZE,
    ).map((memberIds, index) =>
      Events.Batch.create(
        { week, kind, memberIds },
        { orgId, eventId: `wk-${orgId}-${week}-${kind.charAt(0)}${index}`, occurredAt: now },
      ),
    ),
  );
  for (const event of events) await Outbox.keep(event);
  await Outbox.publishKept(...events);
  return {
    week,
    adminReport: recipients["admin-report"].length,
    digest: recipients.digest.length,
    batches: events.length,
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) {
    result.push(items.slice(index, index + size));
  }
  return result;
}
