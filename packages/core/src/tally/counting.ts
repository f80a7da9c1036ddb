import { type Dimension, ORG_KEY, SEGMENT_FIELDS, segmentKey } from "./dimensions";
import { type Counts, emptyCounts, METRICS } from "./metrics";
import { type Period, periodsOf } from "./periods";
import type { LinkFacts, TallyRecord } from "./tally-record";

/** A daily counter row: one key of one dimension on one local day. */
export interface CounterKey {
  orgId: string;
  dimension: Dimension;
  key: string;
  day: string;
}

export const counterId = ({ orgId, dimension, key, day }: CounterKey) =>
  `${orgId}|${dimension}|${key}|${day}`;

/**
 * The keys a link event has in each dimension, and how many it can have at most. A record
 * without the fact a dimension needs (no campaign, an empty segment field) has no row there.
 * Typed by `Dimension`, so a new dimension must say here how it keys a record, and the bound
 * on what a record writes (`MOST_ROWS_PER_RECORD`) follows.
 */
const KEYS: { [D in Dimension]: { most: number; of: (facts: LinkFacts) => string[] } } = {
  org: { most: 1, of: () => [ORG_KEY] },
  content: { most: 1, of: (facts) => [facts.contentId] },
  member: { most: 1, of: (facts) => [facts.memberId] },
  channel: { most: 1, of: (facts) => [facts.channel] },
  campaign: {
    most: 1,
    of: (facts) => (facts.context.campaignId ? [facts.context.campaignId] : []),
  },
  segment: {
    most: SEGMENT_FIELDS.length,
    of: (facts) =>
      SEGMENT_FIELDS.flatMap((field) => {
        const value = facts.context.segment[field];
        return value ? [segmentKey(field, value)] : [];
      }),
  },
  link: { most: 1, of: (facts) => [facts.linkCode] },
};

const DIMENSIONS = Object.keys(KEYS) as Dimension[];

/** Every day lies in the same number of periods (its week, all time). */
const PERIODS_PER_DAY = periodsOf("2000-01-01").length;

/** The most counter rows plus member totals one record's deltas go to. */
export const MOST_ROWS_PER_RECORD =
  DIMENSIONS.reduce((sum, dimension) => sum + KEYS[dimension].most, 0) + PERIODS_PER_DAY;

/** What one ledger record counts for, before any consumer (points, value) adds to it. */
export interface Counted {
  /** The metrics the record moves. Points are not counted here: consumers add them. */
  deltas: Counts;
  /** The daily counter rows the deltas go to; none when the record moves nothing. */
  rows: CounterKey[];
  /** The member's totals the deltas go to, for a link event that moves something. */
  member?: { orgId: string; memberId: string; periods: Period[] };
  /**
   * Set when the record confirms its link's share: the member said so, or ("click") the
   * link's first unique human click did. Once per link, whichever comes first.
   */
  confirmedBy?: "member" | "click";
}

/**
 * Counts one ledger record: pure, so the same record and the same link state always count
 * the same (a replay, a retry). `linkConfirmed` is whether the record's link was confirmed
 * by an earlier record.
 */
export function countRecord(record: TallyRecord, linkConfirmed: boolean): Counted {
  const deltas = emptyCounts();
  if (record.name === "probe.sent") {
    deltas.probes = 1;
    const day = record.occurredAt.slice(0, 10);
    return { deltas, rows: [{ orgId: record.orgId, dimension: "org", key: ORG_KEY, day }] };
  }
  const facts = record.properties;
  let confirmedBy: Counted["confirmedBy"];
  if (record.name === "share.created") deltas.sharesIntended = 1;
  if (record.name === "share.confirmed" && !linkConfirmed) confirmedBy = "member";
  if (record.name === "link.clicked") {
    deltas.rawClicks = 1;
    deltas[`${record.properties.class}Clicks`] = 1;
    if (record.properties.class === "human" && record.properties.unique) {
      deltas.uniqueClicks = 1;
      if (!linkConfirmed) confirmedBy = "click";
    }
  }
  if (record.name === "conversion.recorded") {
    deltas.conversions = 1;
    deltas.conversionValue = record.properties.value;
  }
  if (confirmedBy) {
    deltas.sharesConfirmed = 1;
    deltas.potentialReach = facts.context.networkSize;
  }
  const moved = METRICS.some((metric) => deltas[metric] !== 0);
  if (!moved) return { deltas, rows: [] };
  return {
    deltas,
    rows: counterRowsOf(record.orgId, facts),
    member: { orgId: record.orgId, memberId: facts.memberId, periods: periodsOf(facts.day) },
    ...(confirmedBy ? { confirmedBy } : {}),
  };
}

function counterRowsOf(orgId: string, facts: LinkFacts): CounterKey[] {
  return DIMENSIONS.flatMap((dimension) =>
    KEYS[dimension].of(facts).map((key) => ({ orgId, dimension, key, day: facts.day })),
  );
}
