import type { DynamoDBRecord } from "aws-lambda";
import { z } from "zod";
import { insertedItem } from "../ledger";

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * What the ledger's ingest stored with every link event (ledger/link-context.ts): the
 * member's segment and declared network on the channel, and the content's campaign, as they
 * were when the event was recorded, so replays count the same.
 */
export const LinkContext = z.object({
  segment: z.object({
    office: z.string().optional(),
    unit: z.string().optional(),
    competenceArea: z.string().optional(),
  }),
  networkSize: z.number().int().min(0),
  campaignId: z.string().optional(),
});
export type LinkContext = z.infer<typeof LinkContext>;

const LinkFacts = z.object({
  linkCode: z.string().min(1),
  memberId: z.string().min(1),
  contentId: z.string().min(1),
  channel: z.string().min(1),
  /** The organisation's local day of the event. */
  day: Day,
  context: LinkContext,
});
export type LinkFacts = z.infer<typeof LinkFacts>;

/** The facts each counted event brings, by event name; the tally fails a record it cannot read. */
export const CountedEvent = z.discriminatedUnion("name", [
  z.object({ name: z.literal("probe.sent"), properties: z.object({}).loose() }),
  z.object({ name: z.literal("share.created"), properties: LinkFacts }),
  z.object({ name: z.literal("share.confirmed"), properties: LinkFacts }),
  z.object({
    name: z.literal("link.clicked"),
    properties: LinkFacts.extend({
      class: z.enum(["bot", "self", "internal", "human"]),
      unique: z.boolean(),
      /** The address alone, hashed (absent on clicks recorded before it existed). */
      addressHash: z.string().min(1).optional(),
    }),
  }),
  z.object({
    name: z.literal("conversion.recorded"),
    properties: LinkFacts.extend({ value: z.number().int().min(0) }),
  }),
]);
export type CountedEvent = z.infer<typeof CountedEvent>;

/**
 * A ledger insert as the tally sees it: where it sits in its partition, and what happened,
 * parsed once at the boundary (the stream record, or a test's builder).
 */
export const TallyRecord = z.intersection(
  z.object({
    partition: z.string().min(1),
    sequenceNumber: z.string().regex(/^\d+$/),
    eventId: z.string().min(1),
    orgId: z.string().min(1),
    occurredAt: z.iso.datetime(),
  }),
  CountedEvent,
);
export type TallyRecord = z.infer<typeof TallyRecord>;

/** Reads a ledger INSERT from a stream record; throws (failing that record) if it is not one. */
export function tallyRecordOf(record: DynamoDBRecord): TallyRecord {
  return TallyRecord.parse({
    ...insertedItem(record),
    sequenceNumber: record.dynamodb?.SequenceNumber,
  });
}
