import { EventMetadata, type OutgoingEvent } from "../event/envelope";
import { Runtime } from "../runtime";
import { clickOutboxEntity } from "./click-outbox.entity";

const SHARDS = "0123456789abcdef".split("");

const shardOf = (eventId: string) => {
  const first = eventId.charAt(0).toLowerCase();
  return SHARDS.includes(first) ? first : "0";
};

/** Keeps an event the bus did not take, to be published again by the `click-outbox` job. */
export async function keep(event: OutgoingEvent): Promise<void> {
  const { eventId } = event.detail.metadata;
  await clickOutboxEntity()
    .put({
      shard: shardOf(eventId),
      eventId,
      detailType: event.detailType,
      properties: event.detail.properties,
      metadata: event.detail.metadata,
      keptAt: Runtime.use().now().toISOString(),
    })
    .go({ response: "none" });
}

/**
 * Publishes every kept event again, with its own id (the ledger drops what it already has),
 * and deletes it once the bus has it. One that fails stays for the next run.
 */
export async function republishOutbox(): Promise<{ republished: number; failed: number }> {
  const entity = clickOutboxEntity();
  let republished = 0;
  let failed = 0;
  for (const shard of SHARDS) {
    const { data } = await entity.query.byShard({ shard }).go({ pages: "all" });
    for (const item of data) {
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
            message: "click-outbox: publishing again failed",
            eventId: item.eventId,
            error: String(error),
          }),
        );
      }
    }
  }
  return { republished, failed };
}
