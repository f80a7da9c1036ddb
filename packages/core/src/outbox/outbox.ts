import { errorSummary } from "../error/log-safe";
import { EventMetadata, type OutgoingEvent } from "../event/envelope";
import { Runtime } from "../runtime";
import { type OutboxItem, outboxEntity } from "./outbox.entity";

const SHARDS = "0123456789abcdef".split("");

/**
 * An item younger than this may still be on its way to the bus through the normal path
 * (written in a transaction, published just after): the job leaves it to that path.
 */
const IN_FLIGHT_MS = 60_000;

const shardOf = (eventId: string) => {
  const first = eventId.charAt(0).toLowerCase();
  return SHARDS.includes(first) ? first : "0";
};

/** The outbox item of an event, to write in the same transaction as the change it reports. */
export function itemOf(event: OutgoingEvent): OutboxItem {
  const { eventId } = event.detail.metadata;
  return {
    shard: shardOf(eventId),
    eventId,
    detailType: event.detailType,
    properties: event.detail.properties,
    metadata: event.detail.metadata,
    keptAt: Runtime.use().now().toISOString(),
  };
}

/** Keeps an event the bus did not take, to be published again by the `outbox` job. */
export async function keep(event: OutgoingEvent): Promise<void> {
  await outboxEntity().put(itemOf(event)).go({ response: "none" });
}

/**
 * Publishes an event whose outbox item was written with the change it reports, then
 * removes the item. If the bus fails (or this process dies first), the item stays and the
 * `outbox` job publishes it later with the same id, which the ledger keeps once: the event
 * can be late, never lost. Never throws for a failed publish: the change has happened.
 */
export async function publishKept(event: OutgoingEvent): Promise<void> {
  try {
    await Runtime.use().publisher.publish([event]);
  } catch (error) {
    console.error(
      JSON.stringify({
        level: "error",
        message: "publish failed; the event waits in the outbox",
        eventId: event.detail.metadata.eventId,
        detailType: event.detailType,
        error: errorSummary(error),
      }),
    );
    return;
  }
  const { shard, eventId } = itemOf(event);
  await outboxEntity().delete({ shard, eventId }).go();
}

/**
 * Publishes every kept event again, with its own id (the ledger drops what it already has),
 * and deletes it once the bus has it. One that fails stays for the next run.
 */
export async function republish({ now }: { now: Date }): Promise<{
  republished: number;
  failed: number;
}> {
  const entity = outboxEntity();
  const settled = new Date(now.getTime() - IN_FLIGHT_MS).toISOString();
  let republished = 0;
  let failed = 0;
  for (const shard of SHARDS) {
    const { data } = await entity.query.byShard({ shard }).go({ pages: "all" });
    for (const item of data.filter((candidate) => candidate.keptAt <= settled)) {
      const event: OutgoingEvent = {
        source: "sprida",
        detailType: item.detailType,
        detail: { properties: item.properties, metadata: EventMetadata.parse(item.metadata) },
      };
      try {
        await Runtime.use().publisher.publish([event]);
        await entity.delete({ shard, eventId: item.eventId }).go();
        republished++;
      } catch (error) {
        failed++;
        console.error(
          JSON.stringify({
            level: "error",
            message: "outbox: publishing again failed",
            eventId: item.eventId,
            error: errorSummary(error),
          }),
        );
      }
    }
  }
  return { republished, failed };
}
