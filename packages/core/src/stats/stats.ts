import { z } from "zod";
import { Campaign } from "../campaign";
import { get as getContent } from "../content/read";
import { DomainError, Errors } from "../error";
import { parseInput } from "../error/parse-input";
import { loadAdmin } from "../member/actor";
import type { Locale, MembershipRef } from "../member/member.schema";
import { activeMembers } from "../points/board";
import { addDays, localToday } from "../points/calendar";
import { CHANNELS } from "../share/channels";
import { Tally } from "../tally";
import { SEGMENT_FIELDS, type SegmentField, segmentKey } from "../tally/dimensions";
import { addCounts, type Counts, emptyCounts, pointsOf, REPORTED_METRICS } from "../tally/metrics";
import { toCsv } from "./csv";

export const StatsDimension = z.enum(["content", "campaign", "channel", "segment"]);
export type StatsDimension = z.infer<typeof StatsDimension>;

/** A year and a day: a leap year's same-day-last-year comparison fits in one request. */
export const MAX_STATS_DAYS = 366;
export const DEFAULT_STATS_DAYS = 30;
/** No breakdown shows a group smaller than this (design: "Product principles"). */
export const MIN_GROUP_SIZE = 5;

export const StatsQuery = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type StatsQuery = z.input<typeof StatsQuery>;

export interface StatsRow {
  key: string;
  label: string;
  counts: Counts;
  points: number;
  /** A segment row summing the groups too small to show on their own. */
  other?: true;
}

export interface Stats {
  dimension: StatsDimension;
  from: string;
  to: string;
  /** The whole organisation over the period. */
  totals: Counts;
  points: number;
  /** Most unique human clicks first. */
  rows: StatsRow[];
}

const FIELD_LABEL: Record<Locale, Record<SegmentField, string>> = {
  en: { office: "Office", unit: "Unit", competenceArea: "Competence area" },
  sv: { office: "Kontor", unit: "Enhet", competenceArea: "Kompetensområde" },
};
const OTHER_LABEL: Record<Locale, string> = { en: "other", sv: "övriga" };

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** The period asked for, or the last 30 local days up to today. */
async function periodOf(orgId: string, query: StatsQuery): Promise<{ from: string; to: string }> {
  const parsed = parseInput(StatsQuery, query, "invalid_day");
  const to = parsed.to ?? (await localToday(orgId)).day;
  const from = parsed.from ?? addDays(to, -(DEFAULT_STATS_DAYS - 1));
  if (from > to) throw Errors.invalid("invalid_range", "The first day must not be after the last.");
  if (dayNumber(to) - dayNumber(from) + 1 > MAX_STATS_DAYS) {
    throw Errors.invalid("range_too_long", `Ask for at most ${MAX_STATS_DAYS} days at a time.`);
  }
  return { from, to };
}

async function titleOf(orgId: string, contentId: string): Promise<string> {
  try {
    return (await getContent(orgId, contentId)).title;
  } catch (error) {
    if (error instanceof DomainError && error.kind === "not_found") return contentId;
    throw error;
  }
}

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
 * Segment rows, each only if its group has at least MIN_GROUP_SIZE active members now. The
 * groups too small to show are summed, per field, into one "other" row if together they
 * reach the minimum; otherwise they are left out (the organisation's totals still hold them).
 */
async function segmentRows(
  orgId: string,
  locale: Locale,
  sums: Map<string, Counts>,
): Promise<StatsRow[]> {
  const sizes = new Map<string, number>();
  for (const member of await activeMembers(orgId)) {
    for (const field of SEGMENT_FIELDS) {
      const value = member.segment[field];
      if (value)
        sizes.set(segmentKey(field, value), (sizes.get(segmentKey(field, value)) ?? 0) + 1);
    }
  }
  const rows: StatsRow[] = [];
  const hidden = new Map<SegmentField, { members: number; counts: Counts }>();
  for (const [key, counts] of sums) {
    const separator = key.indexOf(":");
    const field = key.slice(0, separator) as SegmentField;
    if (!SEGMENT_FIELDS.includes(field)) continue;
    const size = sizes.get(key) ?? 0;
    if (size >= MIN_GROUP_SIZE) {
      const label = `${FIELD_LABEL[locale][field]}: ${key.slice(separator + 1)}`;
      rows.push({ key, label, counts, points: pointsOf(counts) });
      continue;
    }
    const other = hidden.get(field) ?? { members: 0, counts: emptyCounts() };
    other.members += size;
    addCounts(other.counts, counts);
    hidden.set(field, other);
  }
  for (const [field, other] of hidden) {
    if (other.members < MIN_GROUP_SIZE) continue;
    rows.push({
      key: `${field}:*`,
      label: `${FIELD_LABEL[locale][field]}: ${OTHER_LABEL[locale]}`,
      counts: other.counts,
      points: pointsOf(other.counts),
      other: true,
    });
  }
  return rows;
}

/** An admin's breakdown of one dimension over local days, with the organisation's totals. */
export async function breakdown(
  actorRef: MembershipRef,
  dimensionInput: string,
  query: StatsQuery = {},
): Promise<Stats> {
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
      : await labelled(actor, dimension, sums);
  shown.sort(
    (a, b) => b.counts.uniqueClicks - a.counts.uniqueClicks || a.label.localeCompare(b.label),
  );
  return { dimension, from, to, totals, points: pointsOf(totals), rows: shown };
}

/** The same breakdown as CSV: a totals line, then one line per row. */
export function breakdownCsv(stats: Stats): string {
  const line = (key: string, label: string, counts: Counts) => [
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
