import { z } from "zod";
import { DayId, daysBetween } from "../day";
import { Errors, isConditionalCheckFailure, parseInput } from "../error";
import { Ledger } from "../ledger";
import { Member } from "../member";
import { Org } from "../org";
import { linkPartition, Share } from "../share";
import { type CounterKey, counterId, countRecord } from "./counting";
import { Dimension } from "./dimensions";
import { type Counts, emptyCounts, METRICS, type Metric } from "./metrics";
import { periodsOf } from "./periods";
import { countersBetween } from "./read";
import { tallyService } from "./tally.entity";
import { TallyRecord } from "./tally-record";

/**
 * The metrics a recount makes exact: every count. Points are not recounted: they depend on
 * the organisation's point rules when each event was tallied and on awards before the range
 * (share points once per member and content), so events the tally missed earn none afterwards.
 * The pipeline probe's count is not an organisation's.
 */
export const RECOUNTED_METRICS = METRICS.filter(
  (metric): metric is Exclude<Metric, "sharePoints" | "clickPoints" | "probes"> =>
    metric !== "sharePoints" && metric !== "clickPoints" && metric !== "probes",
);

/** The most days one recount covers. */
export const MAX_RECOUNT_DAYS = 400;

export const RecountInput = z
  .strictObject({ orgId: z.string().min(1).max(64), from: DayId, to: DayId })
  .refine(({ from, to }) => from <= to, { message: "from must not be after to", path: ["to"] })
  .refine(({ from, to }) => daysBetween(from, to) < MAX_RECOUNT_DAYS, {
    message: `at most ${MAX_RECOUNT_DAYS} days at a time`,
    path: ["to"],
  });
export type RecountInput = z.input<typeof RecountInput>;

export interface RowDifference extends CounterKey {
  /** What the ledger says minus what the row holds, per metric that differs. */
  differences: Partial<Counts>;
}

export interface RecountReport {
  orgId: string;
  from: string;
  to: string;
  /** Link partitions of the ledger read, and their events counted in the range. */
  partitions: number;
  events: number;
  /** Daily rows that differ from the ledger. */
  rows: RowDifference[];
  /** Member totals (weeks, all time) and link totals moved with them. */
  totalsAdjusted: number;
  applied: boolean;
}

/**
 * Recounts an organisation's daily counters for a range of its local days from the event
 * ledger, with the tally's own counting (`countRecord`), and reports every row that differs.
 * With `apply`, it adds each difference to its row, and the same differences to the member's
 * week and all-time totals and the link's totals, so every total stays the sum of its days.
 *
 * For events the tally missed (a stream batch that expired before it was replayed) or counted
 * twice. Run it on days the stream has finished with (the iterator-age alarm quiet): a recount
 * racing the live tally on the same days could add what the tally is about to add. Additions
 * commute, so nothing the live tally writes meanwhile is lost; run it again to check (it then
 * reports no difference).
 */
export async function recount(
  input: RecountInput,
  options: { apply?: boolean; progress?: (line: string) => void } = {},
): Promise<RecountReport> {
  const { orgId, from, to } = parseInput(RecountInput, input);
  const progress = options.progress ?? (() => {});
  if (!(await Org.getMany([orgId])).has(orgId)) {
    throw Errors.notFound("org_not_found", `No organisation ${orgId}.`);
  }

  const partitions = await linkPartitionsOf(orgId, to);
  progress(`Reading the ledger of ${partitions.length} link(s)…`);
  const expected = new Map<string, { key: CounterKey; counts: Counts }>();
  let events = 0;
  for (const [index, partition] of partitions.entries()) {
    events += await countPartition(orgId, partition, from, to, expected);
    if ((index + 1) % 200 === 0) progress(`  ${index + 1} of ${partitions.length} links read`);
  }
  progress(`${events} event(s) in ${from}…${to}; reading the stored counters…`);

  const stored = new Map<string, { key: CounterKey; counts: Counts }>();
  for (const dimension of Dimension.options) {
    for (const row of await countersBetween(orgId, dimension, from, to)) {
      const key = { orgId, dimension, key: row.key, day: row.day };
      stored.set(counterId(key), { key, counts: row.counts });
    }
  }

  const rows: RowDifference[] = [];
  for (const id of new Set([...expected.keys(), ...stored.keys()])) {
    const want = expected.get(id);
    const have = stored.get(id);
    const key = (want ?? have)?.key as CounterKey;
    const differences: Partial<Counts> = {};
    for (const metric of RECOUNTED_METRICS) {
      const difference = (want?.counts[metric] ?? 0) - (have?.counts[metric] ?? 0);
      if (difference !== 0) differences[metric] = difference;
    }
    if (Object.keys(differences).length > 0) rows.push({ ...key, differences });
  }
  rows.sort((a, b) => counterId(a).localeCompare(counterId(b)));

  let totalsAdjusted = 0;
  if (options.apply && rows.length > 0) {
    progress(`Correcting ${rows.length} row(s)…`);
    totalsAdjusted = await applyDifferences(orgId, rows);
  }
  return {
    orgId,
    from,
    to,
    partitions: partitions.length,
    events,
    rows,
    totalsAdjusted,
    applied: Boolean(options.apply),
  };
}

/**
 * The organisation's link partitions: every member's links (those who left included, found by
 * their member rows) and every link the tally has a row for.
 */
async function linkPartitionsOf(orgId: string, to: string): Promise<string[]> {
  const memberIds = new Set<string>();
  for (const status of ["invited", "active", "deactivated"] as const) {
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof Member.list>> = await Member.list(orgId, {
        status,
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      for (const member of page.members) memberIds.add(member.memberId);
      cursor = page.cursor;
    } while (cursor);
  }
  const ever = "0000-01-01";
  for (const row of await countersBetween(orgId, "member", ever, to)) memberIds.add(row.key);
  const codes = new Set<string>();
  for (const row of await countersBetween(orgId, "link", ever, to)) codes.add(row.key);
  for (const memberId of memberIds) {
    for (const link of await Share.linksOfMember(orgId, memberId)) codes.add(link.code);
  }
  return [...codes].sort().map((linkCode) => linkPartition({ linkCode }));
}

/** Counts one link's events in the range, in the order they were recorded. */
async function countPartition(
  orgId: string,
  partition: string,
  from: string,
  to: string,
  into: Map<string, { key: CounterKey; counts: Counts }>,
): Promise<number> {
  const items = (await Ledger.listPartition(partition)).sort(
    (a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.eventId.localeCompare(b.eventId),
  );
  // The link's confirmation depends on every earlier event, inside the range or not.
  let confirmed = false;
  let counted = 0;
  for (const [index, item] of items.entries()) {
    const parsed = TallyRecord.safeParse({ ...item, sequenceNumber: String(index + 1) });
    if (!parsed.success || parsed.data.orgId !== orgId) continue;
    const record = parsed.data;
    const result = countRecord(record, confirmed);
    if (result.confirmedBy) confirmed = true;
    if (record.name === "probe.sent") continue;
    const day = record.properties.day;
    if (day < from || day > to) continue;
    counted += 1;
    for (const key of result.rows) {
      const id = counterId(key);
      const row = into.get(id) ?? { key, counts: emptyCounts() };
      for (const metric of RECOUNTED_METRICS) row.counts[metric] += result.deltas[metric];
      into.set(id, row);
    }
  }
  return counted;
}

/** Adds each difference to its daily row and to the totals that sum it. */
async function applyDifferences(orgId: string, rows: RowDifference[]): Promise<number> {
  const { counter, memberTotal, partitionTally } = tallyService();
  const totals = new Map<
    string,
    { kind: "member" | "link"; id: string; period?: string; add: Counts }
  >();
  const addTo = (
    id: string,
    kind: "member" | "link",
    subject: string,
    period: string | undefined,
    differences: Partial<Counts>,
  ) => {
    const total = totals.get(id) ?? { kind, id: subject, period, add: emptyCounts() };
    for (const metric of RECOUNTED_METRICS) total.add[metric] += differences[metric] ?? 0;
    totals.set(id, total);
  };
  for (const row of rows) {
    await counter
      .upsert({ orgId, dimension: row.dimension, key: row.key, day: row.day })
      .add(row.differences)
      .go({ response: "none" });
    if (row.dimension === "member") {
      for (const period of periodsOf(row.day)) {
        addTo(`member|${row.key}|${period}`, "member", row.key, period, row.differences);
      }
    }
    if (row.dimension === "link")
      addTo(`link|${row.key}`, "link", row.key, undefined, row.differences);
  }
  for (const total of totals.values()) {
    const add = Object.fromEntries(
      RECOUNTED_METRICS.flatMap((metric) =>
        total.add[metric] === 0 ? [] : [[metric, total.add[metric]]],
      ),
    );
    if (Object.keys(add).length === 0) continue;
    if (total.kind === "member") {
      await memberTotal
        .upsert({ orgId, period: total.period as string, memberId: total.id })
        .add(add)
        .go({ response: "none" });
    } else {
      // A link's totals row exists once the tally has seen the link; only then is it adjusted.
      await partitionTally
        .update({ partition: linkPartition({ linkCode: total.id }) })
        .add(add)
        .where((attributes, op) => op.exists(attributes.lastSequence))
        .go({ response: "none" })
        .catch((error: unknown) => {
          if (!isConditionalCheckFailure(error)) throw error;
        });
    }
  }
  return totals.size;
}
