import type { z } from "zod";
import { Click } from "../click";
import type { EventDefinition } from "../event";
import { DeliveredEvent, type EventMetadata } from "../event";
import { Probe } from "../probe";
import { linkPartition, Events as ShareEvents } from "../share";
import { withLinkContext } from "./link-context";
import { record } from "./record";

type Metadata = Pick<EventMetadata, "eventId" | "orgId" | "occurredAt">;

/**
 * The events the ledger keeps, the partition each is kept in, and what is stored with it.
 * Share and click events are keyed by their link, so a link's whole history is one
 * partition, in one stream shard, in order.
 */
const ledgered = [
  kept(Probe.Events.Sent, (p) => `probe_${p.probeId}`),
  kept(ShareEvents.Created, linkPartition, withLinkContext),
  kept(ShareEvents.Confirmed, linkPartition, withLinkContext),
  kept(Click.Events.Clicked, linkPartition, async (properties, metadata) =>
    withLinkContext(await Click.prepareForLedger(properties, metadata), metadata),
  ),
  kept(Click.Events.Converted, linkPartition, withLinkContext),
];

/** One kept event; its functions take the properties its own schema parsed. */
function kept<Name extends string, Schema extends z.core.$ZodType>(
  event: EventDefinition<Name, Schema>,
  partition: (properties: z.output<Schema>) => string,
  prepare: (properties: z.output<Schema>, metadata: Metadata) => Promise<unknown> = async (p) => p,
) {
  return {
    event,
    partition: (properties: unknown) => partition(properties as z.output<Schema>),
    prepare: (properties: unknown, metadata: Metadata) =>
      prepare(properties as z.output<Schema>, metadata),
  };
}

export const LEDGERED_EVENT_NAMES = ledgered.map((entry) => entry.event.name);

/** What the ingest target does with one delivered event. */
export async function ingest(delivered: unknown): Promise<"recorded" | "duplicate"> {
  const name = DeliveredEvent.parse(delivered)["detail-type"];
  const entry = ledgered.find((candidate) => candidate.event.name === name);
  if (!entry) throw new Error(`The ledger does not keep events named "${name}"`);
  const parsed = entry.event.parse(delivered);
  return record({
    partition: entry.partition(parsed.properties),
    name,
    properties: await entry.prepare(parsed.properties, parsed.metadata),
    metadata: parsed.metadata,
  });
}
