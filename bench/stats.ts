/** Small statistics helpers for the benchmarks: quantiles by linear interpolation. */

/** The q-quantile (0 ≤ q ≤ 1) of the values, interpolating between closest ranks. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error("quantile of no values");
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile needs 0 <= q <= 1, got ${q}`);
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (position - lower);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function p95(values: readonly number[]): number {
  return quantile(values, 0.95);
}

/** Rounds for the JSON output; keeps `digits` decimals. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Median, p95, min and max, rounded, for latency-like figures. */
export function summary(values: readonly number[], digits = 2) {
  return {
    median: round(median(values), digits),
    p95: round(p95(values), digits),
    min: round(Math.min(...values), digits),
    max: round(Math.max(...values), digits),
  };
}
