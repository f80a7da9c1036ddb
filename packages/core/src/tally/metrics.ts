import { z } from "zod";

/**
 * What the tally counts. Every counter row, member total and link total carries the same
 * metrics, so one record's effect is one vector added to each row it touches.
 */
export const METRICS = [
  "sharesIntended",
  "sharesConfirmed",
  "potentialReach",
  "rawClicks",
  "botClicks",
  "selfClicks",
  "internalClicks",
  "humanClicks",
  "uniqueClicks",
  "sharePoints",
  "clickPoints",
  /** Conversions attributed to the day's clicks, and their value in minor units. */
  "conversions",
  "conversionValue",
  "probes",
] as const;
export const Metric = z.enum(METRICS);

/** What reports show: every metric but the pipeline probe's, which is for health checks. */
export const REPORTED_METRICS = METRICS.filter((metric) => metric !== "probes");
export type Metric = z.infer<typeof Metric>;

export const Counts = z.object(
  Object.fromEntries(METRICS.map((metric) => [metric, z.number().int()])) as Record<
    Metric,
    z.ZodNumber
  >,
);
export type Counts = z.infer<typeof Counts>;

/** Counts as reports show them (a response parsed through it drops the probe count). */
export const ReportedCounts = Counts.omit({ probes: true });
export type ReportedCounts = z.infer<typeof ReportedCounts>;

/** Every class of click, the ones that earn nothing too (the published counting method). */
export const ClickCounts = Counts.pick({
  rawClicks: true,
  botClicks: true,
  selfClicks: true,
  internalClicks: true,
  humanClicks: true,
  uniqueClicks: true,
  clickPoints: true,
});
export type ClickCounts = z.infer<typeof ClickCounts>;

export function emptyCounts(): Counts {
  return Object.fromEntries(METRICS.map((metric) => [metric, 0])) as Counts;
}

/** The counts of a stored row: metrics never written read as 0. */
export function countsOf(row: Partial<Record<Metric, number | undefined>>): Counts {
  return Object.fromEntries(METRICS.map((metric) => [metric, row[metric] ?? 0])) as Counts;
}

export function addCounts(into: Counts, delta: Partial<Counts>): Counts {
  for (const metric of METRICS) into[metric] += delta[metric] ?? 0;
  return into;
}

/** Only the metrics that moved: what an update adds (DynamoDB ADD of 0 still writes). */
export function nonZero(counts: Counts): Partial<Counts> {
  return Object.fromEntries(METRICS.flatMap((m) => (counts[m] === 0 ? [] : [[m, counts[m]]])));
}

/** Points are never stored twice: a row's points are its share points plus its click points. */
export const pointsOf = (counts: Pick<Counts, "sharePoints" | "clickPoints">) =>
  counts.sharePoints + counts.clickPoints;
