import { createHash } from "node:crypto";
import type { OutgoingEvent } from "../event";
import { Runtime } from "../runtime";

/**
 * A hash of the id, not its first character: ids named after what they report
 * (`joined-<memberId>`, `pub-<contentId>-<time>`) would otherwise all share one shard.
 */
const shardOf = (eventId: string) => createHash("sha256").update(eventId).digest("hex").charAt(0);

/** An outbox item's attributes (outboxEntity's, ./outbox.entity.ts). */
export interface OutboxAttributes {
  shard: string;
  eventId: string;
  detailType: string;
  properties: unknown;
  metadata: unknown;
  keptAt: string;
}

/** The outbox item of an event, to write in the same transaction as the change it reports. */
export function itemOf(event: OutgoingEvent) {
  const { eventId } = event.detail.metadata;
  return {
    shard: shardOf(eventId),
    eventId,
    detailType: event.detailType,
    properties: event.detail.properties,
    metadata: event.detail.metadata,
    keptAt: Runtime.use().now().toISOString(),
  } satisfies OutboxAttributes;
}
