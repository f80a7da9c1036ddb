import { z } from "zod";

/**
 * When a job is due. `tick` and `hour` are the same instant for every organisation (periods
 * in UTC); `night` and `week` follow each organisation's own clock: the unit of a local day
 * is due from `atLocalHour` on that day until the day ends, the unit of a local ISO week from
 * `atLocalHour` on `onLocalWeekday` (1 Monday … 7 Sunday) until that day ends.
 */
export const Cadence = z.discriminatedUnion("every", [
  z.strictObject({ every: z.literal("tick") }),
  z.strictObject({ every: z.literal("hour") }),
  z.strictObject({ every: z.literal("night"), atLocalHour: z.int().min(0).max(23) }),
  z.strictObject({
    every: z.literal("week"),
    onLocalWeekday: z.int().min(1).max(7),
    atLocalHour: z.int().min(0).max(23),
  }),
]);
export type Cadence = z.infer<typeof Cadence>;

export const JobName = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/);

/**
 * What a cadence's unit is for: the tick's UTC minute ("2026-12-04T17:15Z"), the UTC hour
 * ("2026-12-04T17Z"), the organisation's local day ("2026-12-04") or ISO week ("2026-W49").
 */
export const Period = z.string().regex(/^\d{4}-(W\d{2}|\d{2}-\d{2}(T\d{2}(:\d{2})?Z)?)$/);
export type Period = z.infer<typeof Period>;

/** One organisation's share of one job for one period: what `job.unit` carries. */
export const JobUnit = z.strictObject({
  job: JobName,
  orgId: z.string().min(1).max(64),
  period: Period,
});
export type JobUnit = z.infer<typeof JobUnit>;

/** A unit's work as its job sees it: the unit, and the time it runs at. */
export interface UnitInput {
  orgId: string;
  period: Period;
  now: Date;
}

export type JobResult = Record<string, unknown>;

/**
 * How running a unit ended: it ran (`done`), it had run already (`already_done`, with that
 * run's result), or another runner holds it and its claim has not expired (`busy`).
 */
export type UnitOutcome =
  | (JobUnit & { status: "done"; result: JobResult })
  | (JobUnit & { status: "already_done"; result?: JobResult })
  | (JobUnit & { status: "busy" });
