import { getAll } from "../dynamo";
import { linkPartition } from "../share";
import type { Dimension } from "./dimensions";
import { addCounts, type Counts, countsOf, emptyCounts } from "./metrics";
import type { Period } from "./periods";
import { tallyService } from "./tally.entity";

/** One dimension's rows from `from` to `to` (local days, inclusive), every key. */
export async function countersBetween(
  orgId: string,
  dimension: Dimension,
  from: string,
  to: string,
): Promise<{ key: string; day: string; counts: Counts }[]> {
  const { data } = await tallyService()
    .counter.query.byDimensionDay({ orgId, dimension })
    .between({ day: from }, { day: `${to}\uffff` })
    .go({ pages: "all" });
  return data.map((row) => ({ key: row.key, day: row.day, counts: countsOf(row) }));
}

/** Rows summed per key (e.g. a month of daily member rows into each member's month). */
export function sumByKey(rows: { key: string; counts: Counts }[]): Map<string, Counts> {
  const sums = new Map<string, Counts>();
  for (const row of rows) {
    sums.set(row.key, addCounts(sums.get(row.key) ?? emptyCounts(), row.counts));
  }
  return sums;
}

/** The organisation's totals for one day (the pipeline probe reads its count here). */
export async function orgDay(orgId: string, day: string): Promise<Counts> {
  const rows = await countersBetween(orgId, "org", day, day);
  return countsOf(rows[0]?.counts ?? {});
}

/** Every member's totals for one period ("week:2026-W48" or "all"): one query. */
export async function memberTotalsOfPeriod(
  orgId: string,
  period: Period,
): Promise<{ memberId: string; counts: Counts }[]> {
  const { data } = await tallyService()
    .memberTotal.query.byPeriod({ orgId, period })
    .go({ pages: "all" });
  return data.map((row) => ({ memberId: row.memberId, counts: countsOf(row) }));
}

/** One member's totals for the periods asked (BatchGet); a period without a row is absent. */
export async function memberTotalsOf(
  orgId: string,
  memberId: string,
  periods: Period[],
): Promise<Map<Period, Counts>> {
  const data = await getAll(
    periods.map((period) => ({ orgId, period, memberId })),
    (keys) => tallyService().memberTotal.get(keys).go(),
  );
  return new Map(data.map((row) => [row.period as Period, countsOf(row)]));
}

/**
 * All-time counts of links by code (BatchGet of their ledger partitions). A link the tally
 * has not seen yet is absent; so is another organisation's, whatever code is asked for.
 */
export async function linkTotals(orgId: string, codes: string[]): Promise<Map<string, Counts>> {
  const codeOf = new Map(codes.map((code) => [linkPartition({ linkCode: code }), code]));
  const data = await getAll(
    [...codeOf.keys()].map((partition) => ({ partition })),
    (keys) => tallyService().partitionTally.get(keys).go(),
  );
  return new Map(
    data
      .filter((row) => row.orgId === orgId)
      .map((row) => [codeOf.get(row.partition) as string, countsOf(row)]),
  );
}

/** What a member earned once (share points per content item, badges), oldest first. */
export async function awardsOf(
  orgId: string,
  memberId: string,
  kind: "share_points" | "badge",
): Promise<{ key: string; awardedAt: string }[]> {
  const { data } = await tallyService()
    .award.query.byMember({ orgId, memberId, kind })
    .go({ pages: "all" });
  return data
    .map((row) => ({ key: row.key, awardedAt: row.awardedAt }))
    .sort((a, b) => a.awardedAt.localeCompare(b.awardedAt));
}

/** One key's daily counts on the days asked (BatchGet); a day without a row counts zero. */
export async function keyDays(
  orgId: string,
  dimension: Dimension,
  key: string,
  days: string[],
): Promise<{ day: string; counts: Counts }[]> {
  const data = await getAll(
    days.map((day) => ({ orgId, dimension, day, key })),
    (keys) => tallyService().counter.get(keys).go(),
  );
  const byDay = new Map(data.map((row) => [row.day, countsOf(row)]));
  return days.map((day) => ({ day, counts: byDay.get(day) ?? emptyCounts() }));
}
