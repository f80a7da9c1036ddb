import type { z } from "zod";
import type { EventDefinition } from "../event/define-event";
import { DeliveredEvent } from "../event/envelope";
import { Probe } from "../probe";
import { linkPartition, Events as ShareEvents } from "../share/events";
import { record } from "./record";

/**
 * The events the ledger keeps, and the partition each is kept in. Click and share events
 * join this list keyed by their link, so a link's whole history is one partition.
 */
const ledgered = [
  kept(Probe.Events.Sent, (p) => `probe_${p.probeId}`),
  kept(ShareEvents.Created, linkPartition),
  kept(ShareEvents.Confirmed, linkPartition),
];

/** One kept event; its partition function takes the properties its own schema parsed. */
function kept<Name extends string, Schema extends z.ZodType>(
  event: EventDefinition<Name, Schema>,
  partition: (properties: z.output<Schema>) => string,
) {
  return { event, partition: (properties: unknown) => partition(properties as z.output<Schema>) };
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
    properties: parsed.properties,
    metadata: parsed.metadata,
  });
}
