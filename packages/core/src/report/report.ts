import { Campaign } from "../campaign";
import { find as findContent } from "../content";
import { addDays, daysBetween, eachDay, earliestDay, isoWeek, localDay, monthOf } from "../day";
import { Errors, parseInput } from "../error";
import { countsByDay, loadAdmin, type MembershipRef } from "../member";
import { Org } from "../org";
import { activeMembers, publicName } from "../points";
import { Runtime } from "../runtime";
import { CHANNELS } from "../share";
import { segmentPartition, suppress } from "../stats";
import { REPORTED_METRICS, type ReportedCounts, SEGMENT_FIELDS } from "../tally";
import { dailyFixedCost, participation, ratios, settingsBetween } from "../value";
import { periodBounds } from "./calendar";
import { type RangeSummary, summaryOfRange } from "./range";
import {
  type BreakdownDimension,
  BreakdownDimension as BreakdownDimensionSchema,
  type BreakdownRow,
  DEFAULT_REPORT_DAYS,
  type Granularity,
  MAX_REPORT_DAYS,
  type Overview,
  type ReportBreakdown,
  ReportQuery,
  SegmentedQuery,
  type SeriesPoint,
  type SeriesQuery,
} from "./report.schema";
import { segmentLabel, segmentScope, sharersIn, vectorIn } from "./segment-filter";
import { countsOf, type Summary } from "./summary";

interface Range {
  orgId: string;
  from: string;
  to: string;
  today: string;
}

/** The range asked for, or the last 30 local days up to today; never after today. */
export async function rangeOf(orgId: string, query: ReportQuery): Promise<Range> {
  const parsed = parseInput(ReportQuery, query, "invalid_day");
  const org = await Org.get(orgId);
  const today = localDay(org.timeZone, Runtime.use().now());
  const to = parsed.to ?? today;
  const from = parsed.from ?? addDays(to, -(DEFAULT_REPORT_DAYS - 1));
  if (from > to) throw Errors.invalid("invalid_range", "The first day must not be after the last.");
  if (to > today) throw Errors.invalid("invalid_range", "The last day must not be after today.");
  if (daysBetween(from, to) + 1 > MAX_REPORT_DAYS) {
    throw Errors.invalid("range_too_long", `Ask for at most ${MAX_REPORT_DAYS} days at a time.`);
  }
  return { orgId, from, to, today };
}

const reported = (summary: Summary, vector: readonly number[]): ReportedCounts => {
  const counts = countsOf(summary, vector);
  return Object.fromEntries(REPORTED_METRICS.map((m) => [m, counts[m] ?? 0])) as ReportedCounts;
};

async function costs(orgId: string, from: string, to: string, summary: Summary) {
  const settingsOf = await settingsBetween(orgId, from, to);
  const fixedCost = eachDay(from, to).reduce(
    (sum, day) => sum + dailyFixedCost(settingsOf(day).fixedMonthlyCost, day),
    0,
  );
  const timeCost = summary.value.timeCost;
  return { settingsOf, fixedCost, timeCost, cost: fixedCost + timeCost };
}

function freshness(range: Range, made: RangeSummary, windowDays: number) {
  return {
    rolledThrough: made.rolledThrough,
    liveDays: made.liveDays,
    asOf: Runtime.use().now().toISOString(),
    provisional: addDays(range.to, windowDays) >= range.today,
  };
}

/** The programme's figures over a range: counts, value and ROI, participation. */
export async function overview(
  actorRef: MembershipRef,
  query: SegmentedQuery = {},
): Promise<Overview> {
  const actor = await loadAdmin(actorRef);
  const { segment, ...period } = parseInput(SegmentedQuery, query, "invalid_query");
  const range = await rangeOf(actor.orgId, period);
  const [made, { choices, scope }] = await Promise.all([
    summaryOfRange(range.orgId, range.from, range.to),
    segmentScope(range.orgId, segment),
  ]);
  const { summary } = made;
  const counts = reported(summary, vectorIn(summary, scope));
  const [{ settingsOf, fixedCost, timeCost, cost }, [members]] = await Promise.all([
    costs(range.orgId, range.from, range.to, summary),
    countsByDay(range.orgId, range.to, range.to),
  ]);
  const settings = settingsOf(range.to);
  const emv = Object.values(summary.value.emvByChannel).reduce((sum, amount) => sum + amount, 0);
  const conversionValue = (counts as Record<string, number>).conversionValue ?? 0;
  const sharers = sharersIn(summary, scope);
  const optedIn = scope ? scope.memberIds.size : (members?.active ?? 0);
  return {
    from: range.from,
    to: range.to,
    ...(scope && { segment: scope.choice }),
    segments: choices,
    counts,
    value: {
      currency: settings.currency,
      emv,
      emvByChannel: summary.value.emvByChannel,
      impressionValue: summary.value.impressionValue,
      impressionsIncluded: settings.cpm.enabled || summary.value.impressionValue > 0,
      fixedCost,
      timeCost,
      cost,
      conversionValue,
      ...ratios({ emv, impressionValue: summary.value.impressionValue, cost, conversionValue }),
    },
    participation: {
      sharers,
      optedIn,
      rate: participation({ sharers, optedIn }),
      invitedNotJoined: members?.invited ?? 0,
    },
    freshness: freshness(range, made, settings.attributionWindowDays),
  };
}

const bucketOf: Record<Granularity, (day: string) => string> = {
  day: (day) => day,
  week: isoWeek,
  month: monthOf,
};

/** The range cut into days, ISO weeks or months, the first and last clipped to the range. */
export function bucketsOf(from: string, to: string, granularity: Granularity) {
  const buckets: { period: string; from: string; to: string }[] = [];
  let day = from;
  while (day <= to) {
    const period = bucketOf[granularity](day);
    const end = periodBounds(granularity, period).to;
    buckets.push({ period, from: day, to: earliestDay(end, to) });
    day = addDays(end, 1);
  }
  return buckets;
}

/** The figures per day, week or month of the range, for charts. */
export async function series(
  actorRef: MembershipRef,
  query: SeriesQuery & { granularity?: Granularity },
): Promise<{ from: string; to: string; granularity: Granularity; points: SeriesPoint[] }> {
  const actor = await loadAdmin(actorRef);
  const { granularity = "day", segment, campaign, ...period } = query;
  const range = await rangeOf(actor.orgId, period);
  // The members are read only when a segment is asked for (the overview lists the choices).
  const scope =
    segment === undefined ? undefined : (await segmentScope(range.orgId, segment)).scope;
  const buckets = bucketsOf(range.from, range.to, granularity);
  const settingsOf = await settingsBetween(range.orgId, range.from, range.to);
  const points = await Promise.all(
    buckets.map(async (bucket) => {
      const { summary } = await summaryOfRange(range.orgId, bucket.from, bucket.to);
      const { fixedCost, timeCost } = await costs(range.orgId, bucket.from, bucket.to, summary);
      return {
        ...bucket,
        counts: reported(
          summary,
          campaign
            ? (summary.byKey.campaign[campaign] ?? summary.metrics.map(() => 0))
            : vectorIn(summary, scope),
        ),
        sharers: sharersIn(summary, scope),
        emv: Object.values(summary.value.emvByChannel).reduce((sum, amount) => sum + amount, 0),
        cost: fixedCost + timeCost,
        provisional: addDays(bucket.to, settingsOf(bucket.to).attributionWindowDays) >= range.today,
      };
    }),
  );
  return { from: range.from, to: range.to, granularity, points };
}

const titleOf = async (orgId: string, contentId: string): Promise<string> =>
  (await findContent(orgId, contentId))?.title ?? contentId;

async function labelled(
  actor: MembershipRef,
  dimension: BreakdownDimension,
  keys: string[],
): Promise<Map<string, string>> {
  switch (dimension) {
    case "content": {
      const titles = await Promise.all(keys.map((key) => titleOf(actor.orgId, key)));
      return new Map(keys.map((key, i) => [key, titles[i] ?? key]));
    }
    case "campaign":
      return new Map((await Campaign.list(actor)).map((c) => [c.campaignId, c.name]));
    case "channel":
      return new Map(Object.entries(CHANNELS).map(([id, channel]) => [id, channel.name]));
    case "segment":
      return new Map(keys.map((key) => [key, segmentLabel(key)]));
    default:
      return new Map(keys.map((key) => [key, key]));
  }
}

const byUniqueClicks = (a: BreakdownRow, b: BreakdownRow) =>
  b.counts.uniqueClicks - a.counts.uniqueClicks ||
  b.counts.sharesConfirmed - a.counts.sharesConfirmed ||
  a.label.localeCompare(b.label);

/** Segment rows, each field its own partition; groups under five hidden (stats/suppress.ts). */
async function segmentRows(orgId: string, rows: BreakdownRow[]): Promise<BreakdownRow[]> {
  const members = await activeMembers(orgId);
  return SEGMENT_FIELDS.flatMap((field) => {
    const ofField = rows.filter((row) => row.key.startsWith(`${field}:`));
    const partition = segmentPartition(
      field,
      ofField.map((row) => row.key),
      members,
    );
    const { shown } = suppress(partition.groups, partition.remainder);
    return ofField.filter((row) => shown.has(row.key));
  });
}

/**
 * One breakdown of a range: content, channels, campaigns, topics, segments (groups under
 * five hidden) or members (only those who chose to be named; the rest are never listed).
 */
export async function breakdown(
  actorRef: MembershipRef,
  dimensionInput: string,
  query: ReportQuery = {},
): Promise<ReportBreakdown> {
  const actor = await loadAdmin(actorRef);
  const dimension = parseInput(BreakdownDimensionSchema, dimensionInput, "invalid_dimension");
  const range = await rangeOf(actor.orgId, query);
  const made = await summaryOfRange(range.orgId, range.from, range.to);
  const { summary } = made;
  const entries = Object.entries(summary.byKey[dimension]);
  const labels = await labelled(
    actor,
    dimension,
    entries.map(([key]) => key),
  );
  let rows: BreakdownRow[] = entries.map(([key, vector]) => ({
    key,
    label: labels.get(key) ?? key,
    counts: reported(summary, vector),
    ...(dimension === "channel" ? { emv: summary.value.emvByChannel[key] ?? 0 } : {}),
  }));
  let note: string | undefined;
  if (dimension === "segment") {
    rows = await segmentRows(range.orgId, rows);
    note = "Groups of fewer than five people are not shown.";
  }
  if (dimension === "member") {
    const named = new Map(
      (await activeMembers(range.orgId))
        .filter((member) => member.privacy.namedToAdmins)
        .map((member) => [member.memberId, publicName(member)]),
    );
    rows = rows
      .filter((row) => named.has(row.key))
      .map((row) => ({ ...row, label: named.get(row.key) as string }));
    note = "Only members who chose to be named are listed.";
  }
  const windowDays = (await settingsBetween(range.orgId, range.to, range.to))(
    range.to,
  ).attributionWindowDays;
  return {
    dimension,
    from: range.from,
    to: range.to,
    rows: rows.sort(byUniqueClicks),
    ...(note ? { note } : {}),
    freshness: freshness(range, made, windowDays),
  };
}
