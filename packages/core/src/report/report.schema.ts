import { z } from "zod";
import { DayId } from "../day";
import { ReportedCounts } from "../tally";

/** The local days a report covers; by default the last 30 up to today. */
export const ReportQuery = z.strictObject({ from: DayId.optional(), to: DayId.optional() });
export type ReportQuery = z.input<typeof ReportQuery>;

/** The overview and the series may be narrowed to one segment ("office:Stockholm"). */
export const SegmentedQuery = ReportQuery.extend({
  segment: z.string().trim().min(3).max(200).optional(),
});
export type SegmentedQuery = z.input<typeof SegmentedQuery>;

/**
 * The series may also be narrowed to one campaign (its progress over time): the counts are
 * the campaign's; sharers, EMV and cost stay the organisation's.
 */
export const SeriesQuery = SegmentedQuery.extend({
  campaign: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a valid campaign id")
    .optional(),
});
export type SeriesQuery = z.input<typeof SeriesQuery>;

/** A segment a report may be narrowed to: five or more active members, and not derivable. */
export const SegmentChoice = z.object({
  key: z.string(),
  label: z.string(),
  members: z.number().int(),
});
export type SegmentChoice = z.infer<typeof SegmentChoice>;

/** Two years and a day: a year compared with the year before fits in one request. */
export const MAX_REPORT_DAYS = 732;
export const DEFAULT_REPORT_DAYS = 30;

const Money = z.number().int();

export const ValueReport = z.object({
  currency: z.string(),
  /** Σ per channel: unique human clicks × the channel's CPC (advertising-equivalent value). */
  emv: Money,
  emvByChannel: z.record(z.string(), Money),
  /** Potential reach / 1000 × CPM, when the organisation turned the term on; else 0. */
  impressionValue: Money,
  impressionsIncluded: z.boolean(),
  fixedCost: Money,
  timeCost: Money,
  cost: Money,
  conversionValue: Money,
  /** (EMV + impression value) / cost; null ("—") when the cost is 0. */
  valueRatio: z.number().nullable(),
  /** (attributed conversion value − cost) / cost; null ("—") when the cost is 0. */
  cashRoi: z.number().nullable(),
});
export type ValueReport = z.infer<typeof ValueReport>;

export const Participation = z.object({
  /** Members with at least one confirmed share in the period. */
  sharers: z.number().int(),
  /** Members opted in (active) at the end of the period. */
  optedIn: z.number().int(),
  /** sharers / optedIn; null when nobody is opted in. */
  rate: z.number().nullable(),
  /** Invited and not joined at the end of the period: a number, never a list. */
  invitedNotJoined: z.number().int(),
});
export type Participation = z.infer<typeof Participation>;

export const Freshness = z.object({
  /** The last local day the nightly rollup has summed; later days are read live. */
  rolledThrough: z.string().nullable(),
  liveDays: z.array(z.string()),
  /** When this answer was made. */
  asOf: z.string(),
  /**
   * The period ends inside the attribution window: conversions may still arrive for its
   * clicks, so its conversion value and cash ROI may still grow.
   */
  provisional: z.boolean(),
});

export const Overview = z.object({
  from: z.string(),
  to: z.string(),
  /**
   * The segment the figures are narrowed to, when asked: counts, reach and participation are
   * the segment's; value, cost and ROI stay the organisation's (the tally keeps no channel per
   * segment) and invited-not-joined too.
   */
  segment: SegmentChoice.optional(),
  /** The segments this organisation's reports may be narrowed to. */
  segments: z.array(SegmentChoice),
  counts: ReportedCounts,
  value: ValueReport,
  participation: Participation,
  freshness: Freshness,
});
export type Overview = z.infer<typeof Overview>;

export const Granularity = z.enum(["day", "week", "month"]);
export type Granularity = z.infer<typeof Granularity>;

export const SeriesPoint = z.object({
  /** The bucket's period (a day, an ISO week or a month) and its days within the range. */
  period: z.string(),
  from: z.string(),
  to: z.string(),
  counts: ReportedCounts,
  sharers: z.number().int(),
  emv: Money,
  cost: Money,
  provisional: z.boolean(),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;

export const BreakdownDimension = z.enum([
  "content",
  "channel",
  "campaign",
  "topic",
  "segment",
  "member",
]);
export type BreakdownDimension = z.infer<typeof BreakdownDimension>;

export const BreakdownRow = z.object({
  key: z.string(),
  label: z.string(),
  counts: ReportedCounts,
  /** The row's advertising-equivalent value (channels, and what their clicks make up). */
  emv: Money.optional(),
  /** The hidden small groups summed, when that isolates nobody. */
  other: z.literal(true).optional(),
});
export type BreakdownRow = z.infer<typeof BreakdownRow>;

export const ReportBreakdown = z.object({
  dimension: BreakdownDimension,
  from: z.string(),
  to: z.string(),
  rows: z.array(BreakdownRow),
  /** Why rows may be missing: segments under five people, members not opted in to be named. */
  note: z.string().optional(),
  freshness: Freshness,
});
export type ReportBreakdown = z.infer<typeof ReportBreakdown>;
