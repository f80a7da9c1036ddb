import { z } from "zod";
import {
  DeliveredEvent,
  EVENT_SOURCE,
  EventMetadata,
  type OutgoingEvent,
  type Publisher,
} from "./envelope";
import { createEnvelope, type EventContext } from "./envelope.lean";

export type { EventContext };

/** Full zod or zod/mini: the redirect's `link.clicked` is defined in zod/mini. */
type AnySchema = z.core.$ZodType;

export interface EventDefinition<Name extends string, Schema extends AnySchema> {
  name: Name;
  schema: Schema;
  /** Validates and wraps properties in the design's envelope. */
  create(properties: z.input<Schema>, context: EventContext): OutgoingEvent;
  publish(publisher: Publisher, properties: z.input<Schema>, context: EventContext): Promise<void>;
  /** Parses what a target received (the EventBridge delivery shape); throws on mismatch. */
  parse(event: unknown): EventOf<Schema>;
}

export interface EventOf<Schema extends AnySchema> {
  id: string;
  properties: z.output<Schema>;
  metadata: EventMetadata;
}

export function defineEvent<const Name extends string, Schema extends AnySchema>(
  name: Name,
  schema: Schema,
): EventDefinition<Name, Schema> {
  const create = (properties: z.input<Schema>, context: EventContext): OutgoingEvent =>
    createEnvelope(name, schema, properties, context);
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
        properties: z.parse(schema, detail?.properties),
        metadata: EventMetadata.parse(detail?.metadata),
      };
    },
  };
}
