import { z } from "zod";

export const EVENT_SOURCE = "sprida";

/** Metadata every event carries, whatever its name. */
export const EventMetadata = z.strictObject({
  eventId: z.string().min(1).max(64),
  orgId: z.string().min(1).max(64),
  occurredAt: z.iso.datetime(),
  correlationId: z.string().min(1).max(128),
});
export type EventMetadata = z.infer<typeof EventMetadata>;

/** What a publisher hands to a bus: an EventBridge PutEvents entry, already validated. */
export const OutgoingEvent = z.object({
  source: z.literal(EVENT_SOURCE),
  detailType: z.string().regex(/^[a-z]+(\.[a-z_]+)+$/),
  detail: z.object({ properties: z.unknown(), metadata: EventMetadata }),
});
export type OutgoingEvent = z.infer<typeof OutgoingEvent>;

/**
 * The event as a target receives it, on AWS and from the local bus alike
 * (the EventBridge delivery shape).
 */
export const DeliveredEvent = z.object({
  version: z.string(),
  id: z.string(),
  "detail-type": z.string(),
  source: z.string(),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.unknown(),
});
export type DeliveredEvent = z.infer<typeof DeliveredEvent>;

/** A port: EventBridge on AWS, the durable in-process bus locally. */
export interface Publisher {
  /** Resolves only once every event is durably accepted by the bus. */
  publish(events: OutgoingEvent[]): Promise<void>;
}
