import { randomUUID } from "node:crypto";
import { meterDynamoDb } from "@sprida/core/dynamo";
import { Runtime } from "@sprida/core/runtime";
import { Tally } from "@sprida/core/tally";
import { TestLink } from "../packages/core/src/tally/test-support";
import { checkInterrupted } from "./cleanup";
import { startBenchSystem } from "./local-system";
import { median, round } from "./stats";

/** An organisation's traffic, as the cost model sees it. */
export interface TrafficModel {
  name: string;
  members: number;
  clicksPerMonth: number;
  /** Members' links that get clicks in a month (one per member, content item and channel). */
  links: number;
  contentItems: number;
}

export interface TallyWindowOptions {
  organisations: TrafficModel[];
  /** Batch sizes whose write units are measured; others are interpolated. */
  batchSizes: number[];
  /** Batches measured per size (the median is taken). */
  samples: number;
  /** Batching windows (seconds) to model; Lambda allows 0 to 300. */
  windowsSeconds: number[];
  log: (message: string) => void;
}

/**
 * Working hours take most clicks: 80 % of a month's clicks in 22 weekdays × 12 hours, the rest
 * spread over the other 456 hours (posts are read in the working day, and in the evening).
 */
const REGIMES = [
  { name: "working hours", share: 0.8, hours: 22 * 12 },
  { name: "other hours", share: 0.2, hours: 30 * 24 - 22 * 12 },
] as const;

const CLASSES = [
  "human",
  "human",
  "human",
  "human",
  "human",
  "human",
  "human",
  "bot",
  "bot",
  "self",
] as const;
const DAY = "2026-11-30";

/** A Zipf-like choice: a few links get most clicks, as shared posts do. */
function zipfPicker(count: number, exponent = 1.1): () => number {
  const weights = Array.from({ length: count }, (_, i) => 1 / (i + 1) ** exponent);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const weight of weights) {
    sum += weight / total;
    cumulative.push(sum);
  }
  return () => {
    const r = Math.random();
    const index = cumulative.findIndex((c) => c >= r);
    return index === -1 ? count - 1 : index;
  };
}

/** P(k) for k = 1 + Poisson(λW): the window opens at a batch's first record. */
function batchSizeDistribution(mean: number, max: number): Map<number, number> {
  const distribution = new Map<number, number>();
  let p = Math.exp(-mean);
  for (let extra = 0; extra < max; extra++) {
    if (extra > 0) p *= mean / extra;
    if (p < 1e-9 && extra > mean) break;
    distribution.set(1 + extra, p);
  }
  return distribution;
}

/** Write units of a batch of k records, interpolated between the measured sizes. */
function costOf(k: number, measured: [number, number][]): number {
  const [first] = measured;
  const last = measured[measured.length - 1];
  if (!first || !last) throw new Error("nothing measured");
  if (k <= first[0]) return first[1];
  if (k >= last[0]) return (last[1] / last[0]) * k;
  for (let i = 1; i < measured.length; i++) {
    const [k1, c1] = measured[i] as [number, number];
    const [k0, c0] = measured[i - 1] as [number, number];
    if (k <= k1) return c0 + ((c1 - c0) * (k - k0)) / (k1 - k0);
  }
  return last[1];
}

/**
 * What the tally's batching window costs and buys: the write units of tally batches of k
 * clicks on a realistic organisation's links (measured against DynamoDB Local with the
 * write-unit meter), and, from them, the write units and Lambda invocations a month of that
 * organisation's clicks costs at each window, with how late its counts can be.
 */
export async function benchTallyWindow(options: TallyWindowOptions) {
  const { organisations, batchSizes, samples, windowsSeconds, log } = options;
  const started = await startBenchSystem("tally-window", log);
  try {
    const meter = meterDynamoDb(Runtime.use().dynamo);
    const results: Record<string, unknown> = {};
    for (const model of organisations) {
      const orgId = `bench-${randomUUID()}`;
      const links = Array.from(
        { length: model.links },
        (_, i) =>
          new TestLink(
            orgId,
            `m${i % model.members}`,
            `c${i % model.contentItems}`,
            i % 3 ? "linkedin" : "facebook",
            {
              segment: { office: `office-${i % 7}` },
              networkSize: 400,
            },
          ),
      );
      // Links exist and are confirmed before their clicks, as in life.
      for (let i = 0; i < links.length; i += 200) {
        await Tally.applyBatch(links.slice(i, i + 200).map((link) => link.confirmed(DAY)));
      }
      const pick = zipfPicker(links.length);
      const measured: [number, number][] = [];
      for (const size of batchSizes) {
        const units: number[] = [];
        for (let sample = 0; sample < samples; sample++) {
          const batch = Array.from({ length: size }, (_, i) =>
            (links[pick()] as TestLink).click(
              DAY,
              CLASSES[(i + sample) % CLASSES.length] ?? "human",
            ),
          );
          meter.reset();
          await Tally.applyBatch(batch);
          units.push(meter.snapshot().writeUnits);
          checkInterrupted();
        }
        measured.push([size, median(units)]);
        log(
          `tally-window: ${model.name}: batch of ${size}: ${round(median(units), 1)} write units`,
        );
      }
      const byWindow = Object.fromEntries(
        windowsSeconds.map((window) => {
          let writeUnits = 0;
          let batches = 0;
          for (const regime of REGIMES) {
            const clicks = model.clicksPerMonth * regime.share;
            const perSecond = clicks / (regime.hours * 3600);
            const distribution = batchSizeDistribution(perSecond * Math.max(window, 0.05), 1_000);
            let meanSize = 0;
            let meanCost = 0;
            for (const [k, p] of distribution) {
              meanSize += k * p;
              meanCost += costOf(k, measured) * p;
            }
            writeUnits += clicks * (meanCost / meanSize);
            batches += clicks / meanSize;
          }
          return [
            `${window}s`,
            {
              writeUnitsPerClick: round(writeUnits / model.clicksPerMonth, 2),
              writeUnitsPerMonth: Math.round(writeUnits),
              invocationsPerMonth: Math.round(batches),
              countsLateBySecondsAtMost: window,
            },
          ];
        }),
      );
      results[model.name] = {
        model,
        writeUnitsPerBatch: Object.fromEntries(measured.map(([k, units]) => [k, round(units, 1)])),
        byWindow,
      };
    }
    return {
      ...results,
      method:
        "Write units of tally batches of k clicks (7 human : 2 bot : 1 self) on Zipf-distributed links, measured by the write-unit meter; a month = 80 % of clicks in 264 working hours, 20 % in the other 456; batch size 1 + Poisson(rate × window).",
    };
  } finally {
    await started.stop();
  }
}
