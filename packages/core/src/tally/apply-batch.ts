import { z } from "zod";
import { tallyService } from "./tally.entity";

/** One ledger insert as the tally sees it: where it sits in its partition, and what it adds. */
export const TallyRecord = z.object({
  partition: z.string().min(1),
  sequenceNumber: z.string().regex(/^\d+$/),
  orgId: z.string().min(1),
  occurredAt: z.iso.datetime(),
  name: z.string().min(1),
});
export type TallyRecord = z.infer<typeof TallyRecord>;

/** DynamoDB transactions hold at most 100 items. */
const MAX_TRANSACTION_ITEMS = 100;
const MAX_CONFLICT_RETRIES = 5;

export interface Delta {
  orgId: string;
  day: string;
  metric: string;
  by: number;
}

/** The counters one record moves. Later features add their metrics here. */
export function deltasOf(record: TallyRecord): Delta[] {
  const day = record.occurredAt.slice(0, 10);
  return [{ orgId: record.orgId, day, metric: `events.${record.name}`, by: 1 }];
}

/**
 * Applies a batch exactly once. Each ledger partition has a checkpoint (the last applied
 * sequence number); records at or below it were applied before (a retried or replayed
 * batch) and are skipped. Deltas and the moved checkpoints commit in one transaction under
 * a condition on the checkpoint value read, so two deliveries racing cannot both apply.
 * Checkpoints are per partition rather than per shard because a Lambda stream record does
 * not name its shard, while a partition always lives in one shard, in order.
 */
export async function applyBatch(
  records: TallyRecord[],
): Promise<{ applied: number; skipped: number }> {
  const parsed = records.map((record) => TallyRecord.parse(record));
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyOnce(parsed);
    } catch (error) {
      if (!isCheckpointConflict(error) || attempt >= MAX_CONFLICT_RETRIES) throw error;
    }
  }
}

async function applyOnce(records: TallyRecord[]): Promise<{ applied: number; skipped: number }> {
  const checkpoints = await readCheckpoints([...new Set(records.map((r) => r.partition))]);
  const fresh = records
    .filter((record) => {
      const last = checkpoints.get(record.partition);
      return last === undefined || BigInt(record.sequenceNumber) > BigInt(last);
    })
    .sort((a, b) => compareSequence(a.sequenceNumber, b.sequenceNumber));

  for (const chunk of chunksThatFit(fresh)) {
    await commit(chunk, checkpoints);
    for (const record of chunk) checkpoints.set(record.partition, record.sequenceNumber);
  }
  return { applied: fresh.length, skipped: records.length - fresh.length };
}

function compareSequence(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

async function readCheckpoints(partitions: string[]): Promise<Map<string, string>> {
  const { checkpoint } = tallyService();
  const found = await Promise.all(
    partitions.map((partition) => checkpoint.get({ partition }).go({ consistent: true })),
  );
  return new Map(
    found.flatMap(({ data }) => (data ? [[data.partition, data.lastSequence] as const] : [])),
  );
}

function counterKey(delta: Delta): string {
  return JSON.stringify([delta.orgId, delta.day, delta.metric]);
}

/** Splits records (in order) so that each chunk's counters and checkpoints fit one transaction. */
function* chunksThatFit(records: TallyRecord[]): Generator<TallyRecord[]> {
  let chunk: TallyRecord[] = [];
  const items = new Set<string>();
  for (const record of records) {
    const needed = [`checkpoint:${record.partition}`, ...deltasOf(record).map(counterKey)];
    const added = needed.filter((key) => !items.has(key)).length;
    if (chunk.length > 0 && items.size + added > MAX_TRANSACTION_ITEMS) {
      yield chunk;
      chunk = [];
      items.clear();
    }
    chunk.push(record);
    for (const key of needed) items.add(key);
  }
  if (chunk.length > 0) yield chunk;
}

async function commit(chunk: TallyRecord[], previous: Map<string, string>): Promise<void> {
  const totals = new Map<string, Delta>();
  const lastByPartition = new Map<string, string>();
  for (const record of chunk) {
    lastByPartition.set(record.partition, record.sequenceNumber);
    for (const delta of deltasOf(record)) {
      const key = counterKey(delta);
      const total = totals.get(key);
      totals.set(key, total ? { ...total, by: total.by + delta.by } : delta);
    }
  }
  const result = await tallyService()
    .service.transaction.write(({ counter, checkpoint }) => [
      ...[...totals.values()].map((delta) =>
        counter
          .update({ orgId: delta.orgId, day: delta.day, metric: delta.metric })
          .add({ value: delta.by })
          .commit(),
      ),
      ...[...lastByPartition].map(([partition, lastSequence]) => {
        const before = previous.get(partition);
        return checkpoint
          .put({ partition, lastSequence })
          .where((attributes, op) =>
            before === undefined
              ? op.notExists(attributes.lastSequence)
              : op.eq(attributes.lastSequence, before),
          )
          .commit();
      }),
    ])
    .go();
  if (result.canceled) throw new CheckpointConflict();
}

class CheckpointConflict extends Error {
  override name = "CheckpointConflict";
}

function isCheckpointConflict(error: unknown): boolean {
  return error instanceof CheckpointConflict;
}

/** A day's counters for an organisation, for health checks and later reports. */
export async function countersOf(orgId: string, day: string): Promise<Record<string, number>> {
  const { counter } = tallyService();
  const { data } = await counter.query.byOrgDay({ orgId, day }).go({ pages: "all" });
  return Object.fromEntries(data.map((counter) => [counter.metric, counter.value]));
}
