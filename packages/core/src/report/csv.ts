import { toCsv } from "../csv";
import { eachDay, earliestDay } from "../day";
import { loadAdmin, type MembershipRef } from "../member";
import { REPORTED_METRICS } from "../tally";
import { settingsBetween } from "../value";
import { summariseDay } from "./day-summary";
import { rolledThroughOf } from "./range";
import { rangeOf } from "./report";
import type { ReportBreakdown, ReportQuery, SeriesPoint } from "./report.schema";
import { summariesBetween } from "./rollup";
import { countsOf, type Summary, Summary as SummarySchema } from "./summary";

/** A breakdown as a spreadsheet: one line per row, every reported metric, its value. */
export function breakdownCsv(breakdown: ReportBreakdown): string {
  return toCsv([
    ["key", "label", ...REPORTED_METRICS, "emv_minor_units"],
    ...breakdown.rows.map((row) => [
      row.key,
      row.label,
      ...REPORTED_METRICS.map((metric) => row.counts[metric]),
      row.emv ?? "",
    ]),
  ]);
}

export function seriesCsv(points: SeriesPoint[]): string {
  return toCsv([
    [
      "period",
      "from",
      "to",
      ...REPORTED_METRICS,
      "sharers",
      "emv_minor_units",
      "cost_minor_units",
      "provisional",
    ],
    ...points.map((point) => [
      point.period,
      point.from,
      point.to,
      ...REPORTED_METRICS.map((metric) => point.counts[metric]),
      point.sharers,
      point.emv,
      point.cost,
      point.provisional ? "yes" : "no",
    ]),
  ]);
}

/** What the raw export shows: no member and no segment keys, so it names and isolates nobody. */
const EXPORTED = ["content", "channel", "campaign", "topic"] as const;

function linesOf(day: string, summary: Summary): (string | number)[][] {
  const line = (dimension: string, key: string, vector: number[]) => {
    const counts = countsOf(summary, vector);
    return [day, dimension, key, ...REPORTED_METRICS.map((metric) => counts[metric] ?? 0)];
  };
  return [
    line("org", "all", summary.totals),
    ...EXPORTED.flatMap((dimension) =>
      Object.entries(summary.byKey[dimension])
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, vector]) => line(dimension, key, vector)),
    ),
  ];
}

/**
 * The raw anonymised export: one line per local day and content item, channel, campaign and
 * topic (and the organisation's total), every metric; days without activity have no line.
 * Members and segments are left out: the export cannot name or isolate anyone.
 */
export async function rawExport(actorRef: MembershipRef, query: ReportQuery = {}): Promise<string> {
  const actor = await loadAdmin(actorRef);
  const range = await rangeOf(actor.orgId, query);
  const rolledThrough = await rolledThroughOf(range.orgId);
  const stored =
    rolledThrough && rolledThrough >= range.from
      ? await summariesBetween(range.orgId, "day", range.from, earliestDay(rolledThrough, range.to))
      : [];
  const days = new Map(stored.map((item) => [item.period, SummarySchema.parse(item.summary)]));
  const live = eachDay(range.from, range.to).filter((day) => !rolledThrough || day > rolledThrough);
  if (live.length > 0) {
    const settingsOf = await settingsBetween(range.orgId, live[0] as string, range.to);
    for (const day of live) {
      const summary = await summariseDay(range.orgId, day, settingsOf(day));
      if (summary.totals.some((value) => value !== 0)) days.set(day, summary);
    }
  }
  return toCsv([
    ["day", "dimension", "key", ...REPORTED_METRICS],
    ...[...days.keys()].sort().flatMap((day) => linesOf(day, days.get(day) as Summary)),
  ]);
}
