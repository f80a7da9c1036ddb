import { DomainError } from "../error";
import { Runtime } from "../runtime";
import { Share } from "../share";
import { readBatchState } from "./batch-state";
import { Chunk } from "./chunk";
import { MAX_ITEMS_PER_RECORD, TALLY_CONSUMERS } from "./consumers";
import { nonZero } from "./metrics";
import { type CounterSetAdditions, type TallyTransaction, tallyService } from "./tally.entity";
import type { TallyRecord } from "./tally-record";

const MAX_CONFLICT_RETRIES = 5;

/**
 * Applies a batch of ledger inserts exactly once.
 *
 * Each ledger partition (one link's events) has a checkpoint: the sequence number of its
 * last applied record. Records at or below it were applied before (a retried or replayed
 * batch) and are skipped. The batch's effects are aggregated in memory and written with
 * the moved checkpoints in one transaction, each checkpoint conditioned on the value read,
 * so two deliveries racing cannot both apply and a crash leaves all or nothing.
 *
 * The design asks for a checkpoint per shard; a Lambda stream record does not name its
 * shard, while a link's partition always lives in one shard, in order. The checkpoint rides
 * on the link's totals row, which the batch writes anyway, so it costs no extra item.
 */
export async function applyBatch(
  records: TallyRecord[],
): Promise<{ applied: number; skipped: number; transactions: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyOnce(records);
    } catch (error) {
      if (!(error instanceof TallyConflict) || attempt >= MAX_CONFLICT_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * attempt));
    }
  }
}

async function applyOnce(records: TallyRecord[]) {
  const [state, ...consumers] = await Promise.all([
    readBatchState(records),
    ...TALLY_CONSUMERS.map((consumer) => consumer.prepare(records)),
  ]);
  const fresh = records
    .filter((record) => {
      const last = state.partitions.get(record.partition)?.committedSequence;
      return last === undefined || BigInt(record.sequenceNumber) > BigInt(last);
    })
    .sort((a, b) => compareSequence(a.sequenceNumber, b.sequenceNumber));

  const now = Runtime.use().now().toISOString();
  const newChunk = () =>
    new Chunk(
      state,
      consumers.map((consumer) => consumer.chunk(now)),
      MAX_ITEMS_PER_RECORD,
    );
  let chunk = newChunk();
  let transactions = 0;
  for (const record of fresh) {
    if (!chunk.hasRoomFor()) {
      await commit(chunk);
      transactions++;
      chunk = newChunk();
    }
    chunk.add(record);
  }
  if (chunk.records > 0) {
    await commit(chunk);
    transactions++;
  }
  return { applied: fresh.length, skipped: records.length - fresh.length, transactions };
}

function compareSequence(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

async function commit(chunk: Chunk): Promise<void> {
  // The link's own record of its confirmation, before the counts that rely on it: if the
  // commit then fails, the retry finds the link confirmed and confirms nothing twice.
  for (const code of chunk.confirmedByClick) await markConfirmed(code);

  const result = await tallyService()
    .service.transaction.write((tx: TallyTransaction) => [
      ...[...chunk.counters].map(([id, row]) =>
        tx.counter
          .upsert({ orgId: row.orgId, dimension: row.dimension, key: row.key, day: row.day })
          .add({ ...nonZero(row.counts), ...counterAdditions(chunk, id) })
          .commit(),
      ),
      ...[...chunk.memberTotals.values()].map((row) => {
        const update = tx.memberTotal
          .upsert({ orgId: row.orgId, period: row.period, memberId: row.memberId })
          .add(
            row.period === "all" ? { ...nonZero(row.counts), revision: 1 } : nonZero(row.counts),
          );
        const before = row.revisionBefore;
        if (before === undefined) return update.commit();
        return update
          .where((attributes, op) =>
            before === "absent"
              ? op.notExists(attributes.revision)
              : op.eq(attributes.revision, before),
          )
          .commit();
      }),
      ...[...chunk.partitions.values()].map((row) =>
        tx.partitionTally
          .upsert({
            partition: row.partition,
            orgId: row.orgId,
            lastSequence: row.lastSequence,
            confirmed: row.confirmed,
          })
          .add(nonZero(row.counts))
          .where((attributes, op) =>
            row.sequenceBefore === undefined
              ? op.notExists(attributes.lastSequence)
              : op.eq(attributes.lastSequence, row.sequenceBefore),
          )
          .commit(),
      ),
      ...chunk.consumers.flatMap((consumer) => consumer.items(tx)),
    ])
    .go();
  if (result.canceled) throw new TallyConflict();
  chunk.markCommitted();
}

/**
 * What the consumers add to a counter row (the points policy's addresses on a link row), in
 * the row's one update: a transaction may not touch an item twice.
 */
function counterAdditions(chunk: Chunk, rowId: string): CounterSetAdditions {
  const merged: Record<string, string[]> = {};
  for (const consumer of chunk.consumers) {
    for (const [name, elements] of Object.entries(consumer.counterAdditions(rowId) ?? {})) {
      merged[name] = [...(merged[name] ?? []), ...(elements ?? [])];
    }
  }
  return merged;
}

/** A link deleted since (its member left) has nothing left to mark; its counts still stand. */
async function markConfirmed(code: string): Promise<void> {
  try {
    await Share.confirmByFirstClick(code);
  } catch (error) {
    if (!(error instanceof DomainError && error.kind === "not_found")) throw error;
  }
}

/** A condition failed: another delivery applied first, or a concurrent batch moved a total. */
class TallyConflict extends Error {
  override name = "TallyConflict";
}
