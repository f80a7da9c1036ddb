import { z } from "zod";
import { isConditionalCheckFailure } from "../error";
import { EventMetadata } from "../event";
import { Runtime } from "../runtime";
import { ledgerEntity } from "./ledger.entity";

export const LedgerEvent = z.object({
  partition: z.string().min(1),
  name: z.string().min(1),
  properties: z.unknown(),
  metadata: EventMetadata,
});
export type LedgerEvent = z.infer<typeof LedgerEvent>;

/**
 * Writes the event unless the ledger already holds it: delivery is at least once, so a
 * redelivered event finds itself and is reported as a duplicate, never counted twice.
 */
export async function record(input: LedgerEvent): Promise<"recorded" | "duplicate"> {
  const event = LedgerEvent.parse(input);
  try {
    await ledgerEntity()
      .create({
        partition: event.partition,
        eventId: event.metadata.eventId,
        orgId: event.metadata.orgId,
        name: event.name,
        occurredAt: event.metadata.occurredAt,
        correlationId: event.metadata.correlationId,
        properties: event.properties ?? {},
        recordedAt: Runtime.use().now().toISOString(),
      })
      .go({ response: "none" });
    return "recorded";
  } catch (error) {
    if (isConditionalCheckFailure(error)) return "duplicate";
    throw error;
  }
}

export async function listPartition(partition: string) {
  const result = await ledgerEntity().query.byPartition({ partition }).go({ pages: "all" });
  return result.data;
}

/** One kept event by its partition and id, or undefined. */
export async function find(partition: string, eventId: string) {
  const { data } = await ledgerEntity().get({ partition, eventId }).go();
  return data ?? undefined;
}
