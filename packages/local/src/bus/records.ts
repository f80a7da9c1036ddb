import { DeliveredEvent } from "@sprida/core/event";
import { z } from "zod";

/**
 * One line of the journal (NDJSON). A delivery is one (event, rule) pair: an `event`
 * record opens a delivery for each rule it matched; `ack` and `dead` close one; `replay`
 * reopens a dead one (its retry window starts again at `at`).
 */
export const EventRecord = z.object({
  type: z.literal("event"),
  event: DeliveredEvent,
  rules: z.array(z.string()).min(1),
});
export type EventRecord = z.infer<typeof EventRecord>;

export const AckRecord = z.object({
  type: z.literal("ack"),
  eventId: z.string(),
  ruleId: z.string(),
  at: z.string(),
});
export type AckRecord = z.infer<typeof AckRecord>;

export const DeadRecord = z.object({
  type: z.literal("dead"),
  deadLetterId: z.string(),
  eventId: z.string(),
  ruleId: z.string(),
  error: z.string(),
  attempts: z.number().int().nonnegative(),
  at: z.string(),
});
export type DeadRecord = z.infer<typeof DeadRecord>;

export const ReplayRecord = z.object({
  type: z.literal("replay"),
  deadLetterId: z.string(),
  eventId: z.string(),
  ruleId: z.string(),
  at: z.string(),
});
export type ReplayRecord = z.infer<typeof ReplayRecord>;

export const JournalRecord = z.discriminatedUnion("type", [
  EventRecord,
  AckRecord,
  DeadRecord,
  ReplayRecord,
]);
export type JournalRecord = z.infer<typeof JournalRecord>;

/** A delivery that exhausted its retries or its maximum event age. */
export interface DeadLetter {
  id: string;
  ruleId: string;
  event: DeliveredEvent;
  error: string;
  attempts: number;
  failedAt: string;
}

export function deliveryKey(eventId: string, ruleId: string): string {
  return JSON.stringify([eventId, ruleId]);
}
