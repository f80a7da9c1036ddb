import { createHash } from "node:crypto";
import { isoWeek, monthOf, quarterOf } from "../day";
import { retryOnConflict, TRY_AGAIN } from "../dynamo";
import { isConditionalCheckFailure } from "../error";
import { Log } from "../log";
import { Runtime } from "../runtime";
import { Tally } from "../tally";
import { settingsOn } from "../value";
import { periodBounds } from "./calendar";
import { summariseDay } from "./day-summary";
import { reportSummaryEntity, type SummaryKind } from "./report.entity";
import { combine, emptySummary, fingerprint, Summary } from "./summary";

type LongerKind = Exclude<SummaryKind, "day">;
const LONGER: LongerKind[] = ["week", "month", "quarter"];

export const periodOfDay: Record<SummaryKind, (day: string) => string> = {
  day: (day) => day,
  week: isoWeek,
  month: monthOf,
  quarter: quarterOf,
};

/** What the day's summary is made from: the organisation's row of the tally for the day. */
function sourceOf(totals: Record<string, number>): string {
  const canonical = JSON.stringify(Object.entries(totals).sort(([a], [b]) => a.localeCompare(b)));
  return createHash("sha256").update(canonical).digest("base64url").slice(0, 22);
}

async function read(orgId: string, kind: SummaryKind, period: string) {
  const { data } = await reportSummaryEntity()
    .get({ orgId, kind, period })
    .go({ consistent: true });
  return data;
}

/** Writes a summary item if it is still at the version read (absent: still absent). */
async function write(
  orgId: string,
  kind: SummaryKind,
  period: string,
  read: { version: number } | null,
  fields: { summary: Summary; applied?: Record<string, string>; source?: string },
): Promise<boolean> {
  const { from, to } = periodBounds(kind, period);
  const item = {
    orgId,
    kind,
    period,
    from,
    to,
    ...fields,
    version: (read?.version ?? 0) + 1,
    rolledAt: Runtime.use().now().toISOString(),
  };
  try {
    if (read) {
      await reportSummaryEntity()
        .put(item)
        .where((attr, op) => op.eq(attr.version, read.version))
        .go({ response: "none" });
    } else {
      await reportSummaryEntity().create(item).go({ response: "none" });
    }
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}

/**
 * Adds a day to one longer period: its new summary minus what the period added for it
 * before. The period records the fingerprint of the day summary it holds, so a second run
 * (a retried unit, a crash after this write) changes nothing.
 */
async function applyDay(
  orgId: string,
  kind: LongerKind,
  day: string,
  before: Summary | undefined,
  after: Summary,
): Promise<void> {
  const period = periodOfDay[kind](day);
  const target = fingerprint(after);
  await retryOnConflict(
    async () => {
      const item = await read(orgId, kind, period);
      const applied = (item?.applied ?? {}) as Record<string, string>;
      if (applied[day] === target) return "unchanged";
      const inStep =
        applied[day] === undefined ||
        (before !== undefined && fingerprint(before) === applied[day]);
      const current = item ? Summary.parse(item.summary) : emptySummary(after.metrics);
      const without = applied[day] !== undefined && before ? combine(current, before, -1) : current;
      const next = inStep
        ? { summary: combine(without, after), applied: { ...applied, [day]: target } }
        : await rebuilt(orgId, kind, period, day, after);
      const written = await write(orgId, kind, period, item, next);
      return written ? "applied" : TRY_AGAIN;
    },
    { attempts: 5, conflict: () => new Error(`The ${kind} ${period} kept changing`) },
  );
}

/**
 * A period made again from its stored days, with `day` as `after`: only when the period holds
 * a version of the day that is no longer stored (a run crashed between the two writes and
 * the day's counters changed before the next). Costs the period's days, once.
 */
async function rebuilt(
  orgId: string,
  kind: LongerKind,
  period: string,
  day: string,
  after: Summary,
): Promise<{ summary: Summary; applied: Record<string, string> }> {
  const { from, to } = periodBounds(kind, period);
  const days = await summariesBetween(orgId, "day", from, to);
  let summary = emptySummary(after.metrics);
  const applied: Record<string, string> = {};
  for (const item of days) {
    if (item.period === day) continue;
    const stored = Summary.parse(item.summary);
    summary = combine(summary, stored);
    applied[item.period] = fingerprint(stored);
  }
  Log.warn("report period rebuilt from its days", { orgId, kind, period, day });
  return { summary: combine(summary, after), applied: { ...applied, [day]: fingerprint(after) } };
}

/** The stored summaries of a kind whose periods lie from `from` to `to` (period ids). */
export async function summariesBetween(orgId: string, kind: SummaryKind, from: string, to: string) {
  const { data } = await reportSummaryEntity()
    .query.byKind({ orgId, kind })
    .between({ period: from }, { period: to })
    .go({ pages: "all" });
  return data;
}

export type DayOutcome = "rolled" | "unchanged" | "empty";

/**
 * Rolls one finished local day up: summarises it from the tally, adds it to its ISO week,
 * month and quarter, and keeps the day's summary last (what the next run compares with and
 * subtracts). Cost grows with the day's activity, never with history. Safe to run twice or
 * after a crash at any point; `force` rolls it again although its counters did not change
 * (value settings changed: an admin's recompute).
 */
export async function rollUpDay(
  orgId: string,
  day: string,
  options: { force?: boolean } = {},
): Promise<DayOutcome> {
  const [existing, totals] = await Promise.all([read(orgId, "day", day), Tally.orgDay(orgId, day)]);
  const source = sourceOf(totals);
  if (!options.force && existing?.source === source) return "unchanged";
  if (!existing && Object.values(totals).every((value) => value === 0)) return "empty";
  const before = existing ? Summary.parse(existing.summary) : undefined;
  const after = await summariseDay(orgId, day, await settingsOn(orgId, day), totals);
  for (const kind of LONGER) await applyDay(orgId, kind, day, before, after);
  const written = await write(orgId, "day", day, existing, { summary: after, source });
  if (!written) {
    Log.warn("report day rolled by another run at the same time", { orgId, day });
  }
  return "rolled";
}
