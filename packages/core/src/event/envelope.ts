import { z } from "zod";
import { OutgoingEnvelope } from "./envelope.lean";

export { EVENT_SOURCE, EventMetadata } from "./envelope.lean";

/**
 * What a publisher hands to a bus: an EventBridge PutEvents entry, already validated. Its
 * fields are the zod/mini envelope's (./envelope.lean.ts), in full zod for callers that need it.
 */
export const OutgoingEvent = z.object(OutgoingEnvelope.shape);
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
