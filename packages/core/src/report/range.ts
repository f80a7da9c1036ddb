import { addDays, eachDay, earliestDay, isoWeek, localDay, monthOf, quarterOf } from "../day";
import { getAll } from "../dynamo";
import { Org } from "../org";
import { Runtime } from "../runtime";
import { REPORTED_METRICS } from "../tally";
import { settingsBetween } from "../value";
import { periodBounds } from "./calendar";
import { summariseDay } from "./day-summary";
import { reportSummaryEntity, rollupStateEntity, type SummaryKind } from "./report.entity";
import { combine, emptySummary, Summary } from "./summary";

/** How a range's summary was made: stored periods up to `rolledThrough`, live days after. */
export interface RangeSummary {
  from: string;
  to: string;
  summary: Summary;
  /** The last local day the nightly rollup has looked at (null: never). */
  rolledThrough: string | null;
  /** The days after it, summed from the live counters. */
  liveDays: string[];
  /** Stored items read. */
  reads: number;
}

const LONGEST_FIRST: { kind: Exclude<SummaryKind, "day">; of: (day: string) => string }[] = [
  { kind: "quarter", of: quarterOf },
  { kind: "month", of: monthOf },
  { kind: "week", of: isoWeek },
];

/**
 * The stored periods that make up `from`..`end` exactly: the longest period starting at each
 * point that fits, else a day. A period reaching past `end` fits when `end` is the last day
 * rolled up, since it holds no later day yet.
 */
export function piecesOf(
  from: string,
  end: string,
  rolledThrough: string,
): { kind: SummaryKind; period: string }[] {
  const pieces: { kind: SummaryKind; period: string }[] = [];
  let day = from;
  while (day <= end) {
    const fitting = LONGEST_FIRST.map(({ kind, of }) => ({ kind, period: of(day) })).find(
      ({ kind, period }) => {
        const bounds = periodBounds(kind, period);
        return bounds.from === day && (bounds.to <= end || end === rolledThrough);
      },
    );
    const piece = fitting ?? { kind: "day" as const, period: day };
    pieces.push(piece);
    const last = periodBounds(piece.kind, piece.period).to;
    day = addDays(last, 1);
  }
  return pieces;
}

export async function rolledThroughOf(orgId: string): Promise<string | null> {
  const { data } = await rollupStateEntity().get({ orgId }).go();
  return data?.rolledThrough ?? null;
}

/**
 * One organisation's summary of local days `from`..`to` (to no later than today): the
 * rolled-up periods read in one batch, and every day after the last rolled one summed from
 * the tally's counters as they are now, so today is fresh between rollups.
 */
export async function summaryOfRange(
  orgId: string,
  from: string,
  to: string,
): Promise<RangeSummary> {
  const org = await Org.get(orgId);
  const today = localDay(org.timeZone, Runtime.use().now());
  const last = earliestDay(to, today);
  const rolledThrough = await rolledThroughOf(orgId);
  const storedEnd = rolledThrough ? earliestDay(rolledThrough, last) : last;
  const pieces = rolledThrough && from <= storedEnd ? piecesOf(from, storedEnd, rolledThrough) : [];
  const stored = await getAll(
    pieces.map((piece) => ({ orgId, ...piece })),
    (keys) => reportSummaryEntity().get(keys).go(),
  );
  let summary = emptySummary(REPORTED_METRICS);
  for (const item of stored) summary = combine(summary, Summary.parse(item.summary));
  const liveFrom = rolledThrough && rolledThrough >= from ? addDays(rolledThrough, 1) : from;
  const liveDays = liveFrom <= last ? eachDay(liveFrom, last) : [];
  if (liveDays.length > 0) {
    const settingsOf = await settingsBetween(orgId, liveDays[0] as string, last);
    const live = await Promise.all(
      liveDays.map((day) => summariseDay(orgId, day, settingsOf(day))),
    );
    for (const day of live) summary = combine(summary, day);
  }
  return { from, to, summary, rolledThrough, liveDays, reads: stored.length };
}
