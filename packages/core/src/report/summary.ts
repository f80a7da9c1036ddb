import { createHash } from "node:crypto";
import { z } from "zod";

/**
 * What a day, week, month or quarter adds up to: the tally's counters summed, per dimension
 * key too, and the value the organisation's settings gave each day. Every number here is
 * additive (a week is the sum of its days), so a period is kept up to date by adding what a
 * day changed; what is not additive (distinct sharers, participation) is read off the member
 * map when a report is made.
 *
 * Vectors are arrays in the order of `metrics` (kept with the summary, so a summary written
 * before a metric existed still reads right): a quarter's member map stays small.
 */
export const SUMMARY_DIMENSIONS = [
  "content",
  "channel",
  "campaign",
  "segment",
  "topic",
  "member",
] as const;
export type SummaryDimension = (typeof SUMMARY_DIMENSIONS)[number];

const Vector = z.array(z.number());
export const Summary = z.object({
  metrics: z.array(z.string()),
  totals: Vector,
  byKey: z.object(
    Object.fromEntries(SUMMARY_DIMENSIONS.map((d) => [d, z.record(z.string(), Vector)])) as {
      [D in SummaryDimension]: z.ZodRecord<z.ZodString, typeof Vector>;
    },
  ),
  /** Value in integer minor units: EMV per channel, the impressions term, employee time. */
  value: z.object({
    emvByChannel: z.record(z.string(), z.number()),
    impressionValue: z.number(),
    timeCost: z.number(),
  }),
  /** The organisation's local days the summary holds (a period's rolled days). */
  days: z.number().int(),
});
export type Summary = z.infer<typeof Summary>;

export type Counts = Record<string, number>;

export function emptySummary(metrics: readonly string[]): Summary {
  return {
    metrics: [...metrics],
    totals: metrics.map(() => 0),
    byKey: Object.fromEntries(SUMMARY_DIMENSIONS.map((d) => [d, {}])) as Summary["byKey"],
    value: { emvByChannel: {}, impressionValue: 0, timeCost: 0 },
    days: 0,
  };
}

/** A vector as named counts (metrics it does not have read as 0). */
export function countsOf(summary: Pick<Summary, "metrics">, vector: readonly number[]): Counts {
  return Object.fromEntries(summary.metrics.map((metric, i) => [metric, vector[i] ?? 0]));
}

export function vectorOf(metrics: readonly string[], counts: Partial<Counts>): number[] {
  return metrics.map((metric) => counts[metric] ?? 0);
}

/** The same summary in the order of `metrics` (a metric it did not have is 0). */
function inOrder(summary: Summary, metrics: readonly string[]): Summary {
  if (summary.metrics.join() === metrics.join()) return summary;
  const convert = (vector: number[]) => vectorOf(metrics, countsOf(summary, vector));
  return {
    ...summary,
    metrics: [...metrics],
    totals: convert(summary.totals),
    byKey: Object.fromEntries(
      SUMMARY_DIMENSIONS.map((d) => [
        d,
        Object.fromEntries(Object.entries(summary.byKey[d]).map(([k, v]) => [k, convert(v)])),
      ]),
    ) as Summary["byKey"],
  };
}

const addVectors = (a: number[], b: readonly number[], sign: number) =>
  a.map((value, i) => value + sign * (b[i] ?? 0));

const isZero = (vector: readonly number[]) => vector.every((value) => value === 0);

function addMaps(
  into: Record<string, number[]>,
  from: Record<string, number[]>,
  sign: number,
  width: number,
) {
  const out = { ...into };
  for (const [key, vector] of Object.entries(from)) {
    const sum = addVectors(out[key] ?? new Array(width).fill(0), vector, sign);
    if (isZero(sum)) delete out[key];
    else out[key] = sum;
  }
  return out;
}

function addNumbers(into: Record<string, number>, from: Record<string, number>, sign: number) {
  const out = { ...into };
  for (const [key, value] of Object.entries(from)) {
    const sum = (out[key] ?? 0) + sign * value;
    if (sum === 0) delete out[key];
    else out[key] = sum;
  }
  return out;
}

/** `a + sign × b`, in `a`'s metric order extended by `b`'s. Exact: every number is an integer. */
export function combine(a: Summary, b: Summary, sign: 1 | -1 = 1): Summary {
  const metrics = [...a.metrics, ...b.metrics.filter((metric) => !a.metrics.includes(metric))];
  const left = inOrder(a, metrics);
  const right = inOrder(b, metrics);
  return {
    metrics,
    totals: addVectors(left.totals, right.totals, sign),
    byKey: Object.fromEntries(
      SUMMARY_DIMENSIONS.map((d) => [
        d,
        addMaps(left.byKey[d], right.byKey[d], sign, metrics.length),
      ]),
    ) as Summary["byKey"],
    value: {
      emvByChannel: addNumbers(left.value.emvByChannel, right.value.emvByChannel, sign),
      impressionValue: left.value.impressionValue + sign * right.value.impressionValue,
      timeCost: left.value.timeCost + sign * right.value.timeCost,
    },
    days: left.days + sign * right.days,
  };
}

/** A fingerprint of a summary's content: a period records the one it added for each day. */
export function fingerprint(summary: Summary): string {
  const sorted = (record: Record<string, unknown>) =>
    Object.keys(record)
      .sort()
      .map((key) => [key, record[key]]);
  const canonical = JSON.stringify([
    summary.metrics,
    summary.totals,
    SUMMARY_DIMENSIONS.map((d) => sorted(summary.byKey[d])),
    sorted(summary.value.emvByChannel),
    summary.value.impressionValue,
    summary.value.timeCost,
    summary.days,
  ]);
  return createHash("sha256").update(canonical).digest("base64url").slice(0, 22);
}
