import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { Log } from "../log";
import {
  DeliveredEvent,
  EVENT_SOURCE,
  EventMetadata,
  type OutgoingEvent,
  type Publisher,
} from "./envelope";

export interface EventContext {
  orgId: string;
  /** Defaults to the log context's (the request or event publishing it), else a new id. */
  correlationId?: string;
  /** Defaults to now. */
  occurredAt?: Date;
  /** Defaults to a random id; pass one to make a retried publish the same event. */
  eventId?: string;
}

export interface EventDefinition<Name extends string, Schema extends z.ZodType> {
  name: Name;
  schema: Schema;
  /** Validates and wraps properties in the design's envelope. */
  create(properties: z.input<Schema>, context: EventContext): OutgoingEvent;
  publish(publisher: Publisher, properties: z.input<Schema>, context: EventContext): Promise<void>;
  /** Parses what a target received (the EventBridge delivery shape); throws on mismatch. */
  parse(event: unknown): EventOf<Schema>;
}

export interface EventOf<Schema extends z.ZodType> {
  id: string;
  properties: z.output<Schema>;
  metadata: EventMetadata;
}

export function defineEvent<const Name extends string, Schema extends z.ZodType>(
  name: Name,
  schema: Schema,
): EventDefinition<Name, Schema> {
  const create = (properties: z.input<Schema>, context: EventContext): OutgoingEvent => ({
    source: EVENT_SOURCE,
    detailType: name,
    detail: {
      properties: schema.parse(properties),
      metadata: EventMetadata.parse({
        eventId: context.eventId ?? randomUUID(),
        orgId: context.orgId,
        occurredAt: (context.occurredAt ?? new Date()).toISOString(),
        correlationId: context.correlationId ?? Log.context().correlationId ?? randomUUID(),
      }),
    },
  });
  return {
    name,
    schema,
    create,
    publish: (publisher, properties, context) => publisher.publish([create(properties, context)]),
    parse(event) {
      const delivered = DeliveredEvent.parse(event);
      if (delivered.source !== EVENT_SOURCE || delivered["detail-type"] !== name) {
        throw new Error(
          `Expected ${EVENT_SOURCE}/${name}, got ${delivered.source}/${delivered["detail-type"]}`,
        );
      }
      const detail = delivered.detail as { properties?: unknown; metadata?: unknown };
      return {
        id: delivered.id,
        properties: schema.parse(detail?.properties),
        metadata: EventMetadata.parse(detail?.metadata),
      };
    },
  };
}
