import { find as findContent } from "../content";
import { REPORTED_METRICS, Tally } from "../tally";
import { type DayValue, dayValue, type Settings } from "../value";
import { emptySummary, type Summary, type SummaryDimension, vectorOf } from "./summary";

/** The tally's dimensions a summary keeps per key (topics are derived from content). */
const COUNTED: Exclude<SummaryDimension, "topic">[] = [
  "content",
  "channel",
  "campaign",
  "segment",
  "member",
];

const topicsOf = async (orgId: string, contentId: string) =>
  (await findContent(orgId, contentId))?.topics ?? [];

/**
 * One local day of an organisation, from the tally's daily counter rows of that day (one
 * query per dimension, each as long as the day's activity). A content item's counts go to
 * each of its topics as they are now; value is that day's, under the settings in force then.
 */
export async function summariseDay(
  orgId: string,
  day: string,
  settings: Settings,
  /** The day's organisation row, when the caller has read it already. */
  dayTotals?: Record<string, number>,
): Promise<Summary> {
  const metrics = REPORTED_METRICS;
  const summary = emptySummary(metrics);
  const [totals, ...rows] = await Promise.all([
    dayTotals ?? Tally.orgDay(orgId, day),
    ...COUNTED.map((dimension) => Tally.countersBetween(orgId, dimension, day, day)),
  ]);
  summary.totals = vectorOf(metrics, totals);
  COUNTED.forEach((dimension, index) => {
    for (const row of rows[index] ?? []) {
      summary.byKey[dimension][row.key] = vectorOf(metrics, row.counts);
    }
  });
  const contentIds = Object.keys(summary.byKey.content);
  const topics = await Promise.all(contentIds.map((id) => topicsOf(orgId, id)));
  contentIds.forEach((id, index) => {
    const vector = summary.byKey.content[id] as number[];
    for (const topic of topics[index] ?? []) {
      const sum = summary.byKey.topic[topic] ?? metrics.map(() => 0);
      summary.byKey.topic[topic] = sum.map((value, i) => value + (vector[i] ?? 0));
    }
  });
  const value: DayValue = dayValue({
    byChannel: Object.fromEntries(
      (rows[COUNTED.indexOf("channel")] ?? []).map((row) => [
        row.key,
        {
          uniqueClicks: row.counts.uniqueClicks,
          potentialReach: row.counts.potentialReach,
          sharesConfirmed: row.counts.sharesConfirmed,
        },
      ]),
    ),
    settings,
    day,
  });
  summary.value = {
    emvByChannel: Object.fromEntries(
      Object.entries(value.emvByChannel).filter(([, amount]) => amount !== 0),
    ),
    impressionValue: value.impressionValue,
    timeCost: value.timeCost,
  };
  summary.days = 1;
  return summary;
}
