import { z } from "zod";
import { Campaign } from "../campaign";
import { find as findContent } from "../content";
import { toCsv } from "../csv";
import { addDays, daysBetween } from "../day";
import { Errors, parseInput } from "../error";
import type { MembershipRef } from "../member";
import { loadAdmin } from "../member";
import { activeMembers, localToday } from "../points";
import type { Locale } from "../schema";
import { CHANNELS } from "../share";
import {
  addCounts,
  type Counts,
  emptyCounts,
  pointsOf,
  REPORTED_METRICS,
  ReportedCounts,
  SEGMENT_FIELDS,
  type SegmentField,
  Tally,
} from "../tally";
import { type Partition, segmentPartition, sharerPartition } from "./people";
import { suppress } from "./suppress";

export const StatsDimension = z.enum(["content", "campaign", "channel", "segment"]);
export type StatsDimension = z.infer<typeof StatsDimension>;

/** A year and a day: a leap year's same-day-last-year comparison fits in one request. */
export const MAX_STATS_DAYS = 366;
export const DEFAULT_STATS_DAYS = 30;

export const StatsQuery = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type StatsQuery = z.input<typeof StatsQuery>;

export const StatsRow = z.object({
  key: z.string(),
  label: z.string(),
  counts: ReportedCounts,
  points: z.number(),
  /** A row summing the groups hidden on their own (only when that isolates nobody). */
  other: z.literal(true).optional(),
});
export type StatsRow = z.infer<typeof StatsRow>;

export const Breakdown = z.object({
  dimension: StatsDimension,
  from: z.string(),
  to: z.string(),
  /** The whole organisation over the period. */
  totals: ReportedCounts,
  points: z.number(),
  /** Most unique human clicks first. */
  rows: z.array(StatsRow),
});
export type Breakdown = z.infer<typeof Breakdown>;

const FIELD_LABEL: Record<Locale, Record<SegmentField, string>> = {
  en: { office: "Office", unit: "Unit", competenceArea: "Competence area" },
  sv: { office: "Kontor", unit: "Enhet", competenceArea: "Kompetensområde" },
};
const OTHER_LABEL: Record<Locale, string> = { en: "other", sv: "övriga" };

/** The period asked for, or the last 30 local days up to today. */
async function periodOf(orgId: string, query: StatsQuery): Promise<{ from: string; to: string }> {
  const parsed = parseInput(StatsQuery, query, "invalid_day");
  const to = parsed.to ?? (await localToday(orgId)).day;
  const from = parsed.from ?? addDays(to, -(DEFAULT_STATS_DAYS - 1));
  if (from > to) throw Errors.invalid("invalid_range", "The first day must not be after the last.");
  if (daysBetween(from, to) + 1 > MAX_STATS_DAYS) {
    throw Errors.invalid("range_too_long", `Ask for at most ${MAX_STATS_DAYS} days at a time.`);
  }
  return { from, to };
}

const titleOf = async (orgId: string, contentId: string): Promise<string> =>
  (await findContent(orgId, contentId))?.title ?? contentId;

async function labelled(
  actor: MembershipRef,
  dimension: Exclude<StatsDimension, "segment">,
  sums: Map<string, Counts>,
): Promise<StatsRow[]> {
  const keys = [...sums.keys()];
  let labels: Map<string, string>;
  if (dimension === "content") {
    const titles = await Promise.all(keys.map((key) => titleOf(actor.orgId, key)));
    labels = new Map(keys.map((key, index) => [key, titles[index] ?? key]));
  } else if (dimension === "campaign") {
    labels = new Map((await Campaign.list(actor)).map((c) => [c.campaignId, c.name]));
  } else {
    labels = new Map(Object.entries(CHANNELS).map(([id, channel]) => [id, channel.name]));
  }
  return keys.map((key) => {
    const counts = sums.get(key) as Counts;
    return { key, label: labels.get(key) ?? key, counts, points: pointsOf(counts) };
  });
}

/**
 * The rows of one partition that complementary suppression lets through (suppress.ts), and
 * the hidden ones summed into one "other" row when that is safe.
 */
function suppressed(
  rows: StatsRow[],
  partition: Partition,
  other: { key: string; label: string },
): StatsRow[] {
  const { shown, other: showOther } = suppress(partition.groups, partition.remainder);
  const hidden = rows.filter((row) => !shown.has(row.key));
  const sum = emptyCounts();
  for (const row of hidden) addCounts(sum, row.counts);
  return [
    ...rows.filter((row) => shown.has(row.key)),
    ...(showOther ? [{ ...other, counts: sum, points: pointsOf(sum), other: true as const }] : []),
  ];
}

/** Segment rows, each field a partition of its own, its groups' sizes their active members now. */
async function segmentRows(
  orgId: string,
  locale: Locale,
  sums: Map<string, Counts>,
): Promise<StatsRow[]> {
  const members = await activeMembers(orgId);
  return SEGMENT_FIELDS.flatMap((field) => {
    const rows = [...sums]
      .filter(([key]) => key.startsWith(`${field}:`))
      .map(([key, counts]) => ({
        key,
        label: `${FIELD_LABEL[locale][field]}: ${key.slice(field.length + 1)}`,
        counts,
        points: pointsOf(counts),
      }));
    const partition = segmentPartition(
      field,
      rows.map((row) => row.key),
      members,
    );
    return suppressed(rows, partition, {
      key: `${field}:*`,
      label: `${FIELD_LABEL[locale][field]}: ${OTHER_LABEL[locale]}`,
    });
  });
}

/** An admin's breakdown of one dimension over local days, with the organisation's totals. */
export async function breakdown(
  actorRef: MembershipRef,
  dimensionInput: string,
  query: StatsQuery = {},
): Promise<Breakdown> {
  const actor = await loadAdmin(actorRef);
  const dimension = parseInput(StatsDimension, dimensionInput, "unknown_dimension");
  const { from, to } = await periodOf(actor.orgId, query);
  const [orgRows, rows] = await Promise.all([
    Tally.countersBetween(actor.orgId, "org", from, to),
    Tally.countersBetween(actor.orgId, dimension, from, to),
  ]);
  const totals = Tally.sumByKey(orgRows).get(Tally.ORG_KEY) ?? emptyCounts();
  const sums = Tally.sumByKey(rows);
  const shown =
    dimension === "segment"
      ? await segmentRows(actor.orgId, actor.locale, sums)
      : suppressed(
          await labelled(actor, dimension, sums),
          await sharerPartition(actor.orgId, dimension, [...sums.keys()], from, to),
          { key: "*", label: OTHER_LABEL[actor.locale] },
        );
  shown.sort(
    (a, b) => b.counts.uniqueClicks - a.counts.uniqueClicks || a.label.localeCompare(b.label),
  );
  return { dimension, from, to, totals, points: pointsOf(totals), rows: shown };
}

/** The same breakdown as CSV: a totals line, then one line per row. */
export function breakdownCsv(stats: Breakdown): string {
  const line = (key: string, label: string, counts: ReportedCounts) => [
    key,
    label,
    ...REPORTED_METRICS.map((metric) => counts[metric]),
    pointsOf(counts),
  ];
  return toCsv([
    ["key", "label", ...REPORTED_METRICS, "points"],
    line("total", `${stats.from}..${stats.to}`, stats.totals),
    ...stats.rows.map((row) => line(row.key, row.label, row.counts)),
  ]);
}
