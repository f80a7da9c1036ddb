import { EventMetadata, type OutgoingEvent } from "../event";
import { Log } from "../log";
import { Runtime } from "../runtime";
import { itemOf } from "./item";
import { outboxEntity } from "./outbox.entity";

export { itemOf };

const SHARDS = "0123456789abcdef".split("");

/**
 * An item younger than this may still be on its way to the bus through the normal path
 * (written in a transaction, published just after): the job leaves it to that path.
 */
const IN_FLIGHT_MS = 60_000;

/** Keeps an event the bus did not take, to be published again by the `outbox` job. */
export async function keep(event: OutgoingEvent): Promise<void> {
  await outboxEntity().put(itemOf(event)).go({ response: "none" });
}

/**
 * Publishes events whose outbox items were written with the change they report, then
 * removes the items. If the bus fails (or this process dies first), the items stay and the
 * `outbox` job publishes them later with the same ids, which consumers keep once: an event
 * can be late, never lost. Never throws for a failed publish: the change has happened.
 */
export async function publishKept(...events: OutgoingEvent[]): Promise<void> {
  if (events.length === 0) return;
  try {
    await Runtime.use().publisher.publish(events);
  } catch (error) {
    Log.error("publish failed; the events wait in the outbox", {
      eventIds: events.map((event) => event.detail.metadata.eventId),
      detailTypes: [...new Set(events.map((event) => event.detailType))],
      error,
    });
    return;
  }
  const keys = events.map((event) => {
    const { shard, eventId } = itemOf(event);
    return { shard, eventId };
  });
  try {
    await outboxEntity().delete(keys).go();
  } catch (error) {
    // The bus has the events; an item left behind is only published once more, with its id.
    Log.error("published; removing the outbox items failed, the job will publish them again", {
      eventIds: keys.map(({ eventId }) => eventId),
      error,
    });
  }
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
        Log.error("outbox: publishing again failed", {
          eventId: item.eventId,
          error,
        });
      }
    }
  }
  return { republished, failed };
}
