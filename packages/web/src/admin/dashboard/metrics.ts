import type { Overview, SeriesPoint } from "./report-types";

/** The dashboard's tiles, in order: what each shows and how it is formatted. */
export const TILES = [
  "shares",
  "participation",
  "unique",
  "human",
  "reach",
  "emv",
  "valueRatio",
  "cashRoi",
] as const;
export type TileId = (typeof TILES)[number];
export type Kind = "number" | "money" | "percent" | "ratio";

export const TILE_KIND: Record<TileId, Kind> = {
  shares: "number",
  participation: "percent",
  unique: "number",
  human: "number",
  reach: "number",
  emv: "money",
  valueRatio: "ratio",
  cashRoi: "percent",
};

/** A tile's figure from the overview; null where the API says "—" (no cost, nobody opted in). */
export function tileValue(id: TileId, overview: Overview): number | null {
  const { counts, value, participation } = overview;
  switch (id) {
    case "shares":
      return counts.sharesConfirmed;
    case "participation":
      return participation.rate;
    case "unique":
      return counts.uniqueClicks;
    case "human":
      return counts.humanClicks;
    case "reach":
      return counts.potentialReach;
    case "emv":
      return value.emv;
    case "valueRatio":
      return value.valueRatio;
    case "cashRoi":
      return value.cashRoi;
  }
}

/** What the trend chart can draw per day, week or month. */
export const TREND_METRICS = [
  "uniqueClicks",
  "humanClicks",
  "sharesConfirmed",
  "potentialReach",
  "sharers",
  "emv",
] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];

export const TREND_TILE: Record<TrendMetric, TileId | "sharers"> = {
  uniqueClicks: "unique",
  humanClicks: "human",
  sharesConfirmed: "shares",
  potentialReach: "reach",
  sharers: "sharers",
  emv: "emv",
};

export function pointValue(metric: TrendMetric, point: SeriesPoint): number {
  if (metric === "sharers") return point.sharers;
  if (metric === "emv") return point.emv;
  return point.counts[metric];
}
