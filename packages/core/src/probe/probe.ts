import { randomUUID } from "node:crypto";
import { z } from "zod";
import { defineEvent } from "../event";
import { Runtime } from "../runtime";

/**
 * The pipeline probe: a synthetic event that travels bus → ingest → ledger → stream → tally,
 * like a click does. The scheduler sends one every tick; health checks and the freshness
 * benchmark read where it arrived.
 */
export const Events = {
  Sent: defineEvent("probe.sent", z.strictObject({ probeId: z.uuid() })),
};

/** Probes belong to the operator, not to a customer organisation. */
export const SYSTEM_ORG_ID = "system";

export async function send(correlationId?: string): Promise<{ probeId: string; eventId: string }> {
  const probeId = randomUUID();
  const event = Events.Sent.create({ probeId }, { orgId: SYSTEM_ORG_ID, correlationId });
  await Runtime.use().publisher.publish([event]);
  return { probeId, eventId: event.detail.metadata.eventId };
}
