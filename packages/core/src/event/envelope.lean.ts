import { randomUUID } from "node:crypto";
import * as z from "zod/mini";
import { Log } from "../log";
import type { OutgoingEvent } from "./envelope";

/**
 * The event envelope in zod's small build (zod/mini), and how an event is wrapped in it, so the
 * redirect, which publishes one event per click, bundles no full zod. `./envelope.ts` builds
 * the full-zod schemas on these, and `defineEvent` creates events with `createEnvelope`.
 */
export const EVENT_SOURCE = "sprida";

/** Metadata every event carries, whatever its name. */
export const EventMetadata = z.strictObject({
  eventId: z.string().check(z.minLength(1), z.maxLength(64)),
  orgId: z.string().check(z.minLength(1), z.maxLength(64)),
  occurredAt: z.iso.datetime(),
  correlationId: z.string().check(z.minLength(1), z.maxLength(128)),
});
export type EventMetadata = z.infer<typeof EventMetadata>;

/** What a publisher hands to a bus: an EventBridge PutEvents entry, already validated. */
export const OutgoingEnvelope = z.object({
  source: z.literal(EVENT_SOURCE),
  detailType: z.string().check(z.regex(/^[a-z]+(\.[a-z_]+)+$/)),
  detail: z.object({ properties: z.unknown(), metadata: EventMetadata }),
});

export interface EventContext {
  orgId: string;
  /** Defaults to the log context's (the request or event publishing it), else a new id. */
  correlationId?: string;
  /** Defaults to now. */
  occurredAt?: Date;
  /** Defaults to a random id; pass one to make a retried publish the same event. */
  eventId?: string;
}

/**
 * Validates properties against the event's schema and wraps them in the design's envelope.
 * `defineEvent`'s `create` is this; the redirect calls it directly with its zod/mini schema
 * (../click/clicked.lean.ts), so both build `link.clicked` the same way.
 */
export function createEnvelope<Schema extends z.core.$ZodType>(
  name: string,
  schema: Schema,
  properties: z.input<Schema>,
  context: EventContext,
): OutgoingEvent {
  return {
    source: EVENT_SOURCE,
    detailType: name,
    detail: {
      properties: z.parse(schema, properties),
      metadata: z.parse(EventMetadata, {
        eventId: context.eventId ?? randomUUID(),
        orgId: context.orgId,
        occurredAt: (context.occurredAt ?? new Date()).toISOString(),
        correlationId: context.correlationId ?? Log.context().correlationId ?? randomUUID(),
      }),
    },
  };
}
