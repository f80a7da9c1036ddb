import { type BatchState, memberKey, type PartitionState } from "./batch-state";
import type { ConsumerChunk } from "./consumer";
import {
  type Counted,
  type CounterKey,
  counterId,
  countRecord,
  MOST_ROWS_PER_RECORD,
} from "./counting";
import { addCounts, type Counts, emptyCounts } from "./metrics";
import type { Period } from "./periods";
import type { TallyRecord } from "./tally-record";

export interface CounterRow extends CounterKey {
  counts: Counts;
}

export interface MemberTotalRow {
  orgId: string;
  period: Period;
  memberId: string;
  counts: Counts;
  /** For the "all" row: the revision read, which the write is conditioned on. */
  revisionBefore?: number | "absent";
}

export interface PartitionRow {
  partition: string;
  orgId: string;
  lastSequence: string;
  /** The checkpoint read; the write is conditioned on it. */
  sequenceBefore: string | undefined;
  confirmed: boolean;
  counts: Counts;
}

/** What the core writes for one record at most: its counter rows, member totals and checkpoint. */
export const CORE_ITEMS_PER_RECORD = MOST_ROWS_PER_RECORD + 1;

/** DynamoDB's limit on the items of one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

/**
 * The writes of consecutive records, aggregated: every row a record touches gets the record's
 * deltas added, so a hundred clicks on one content item on one day are one counter write.
 * Each record is counted (counting.ts), then handed to the consumers (consumers.ts), which
 * add their metrics to its deltas and their own items; applying it also moves the batch
 * state on (confirmations, totals), so the next record of the same link sees it.
 */
export class Chunk {
  readonly counters = new Map<string, CounterRow>();
  readonly memberTotals = new Map<string, MemberTotalRow>();
  readonly partitions = new Map<string, PartitionRow>();
  /** Links whose share the tally confirmed on their first unique human click. */
  readonly confirmedByClick = new Set<string>();
  records = 0;

  constructor(
    private readonly state: BatchState,
    readonly consumers: readonly ConsumerChunk[],
    private readonly maxItemsPerRecord: number,
  ) {}

  get itemCount(): number {
    return (
      this.counters.size +
      this.memberTotals.size +
      this.partitions.size +
      this.consumers.reduce((sum, consumer) => sum + consumer.itemCount, 0)
    );
  }

  /** Whether the record's writes are sure to fit in this chunk's transaction. */
  hasRoomFor(): boolean {
    return this.itemCount + this.maxItemsPerRecord <= MAX_TRANSACTION_ITEMS;
  }

  add(record: TallyRecord): void {
    const itemsBefore = this.itemCount;
    this.records++;
    const partition = this.partitionState(record.partition);
    const counted = countRecord(record, partition.confirmed);
    if (counted.confirmedBy) partition.confirmed = true;
    if (counted.confirmedBy === "click" && record.name !== "probe.sent") {
      this.confirmedByClick.add(record.properties.linkCode);
    }
    const allTime = counted.member && this.allTimeState(counted.member);
    const deltas = { ...counted.deltas };
    const allTimeBefore = allTime && { ...allTime.counts };
    for (const consumer of this.consumers) {
      consumer.add({ record, counted, deltas, ...(allTimeBefore ? { allTimeBefore } : {}) });
    }
    this.addRows(counted, deltas);
    if (allTime) addCounts(allTime.counts, deltas);
    this.moveCheckpoint(record, partition, deltas);
    // The bound decides when a transaction is full; a record past it could break the limit.
    const written = this.itemCount - itemsBefore;
    if (written > this.maxItemsPerRecord) {
      throw new Error(`A record wrote ${written} items, more than ${this.maxItemsPerRecord}`);
    }
  }

  /** After this chunk's transaction: its checkpoints and revisions are now the stored ones. */
  markCommitted(): void {
    for (const row of this.partitions.values()) {
      this.partitionState(row.partition).committedSequence = row.lastSequence;
    }
    for (const row of this.memberTotals.values()) {
      if (row.period !== "all") continue;
      const state = this.state.memberAll.get(memberKey(row.orgId, row.memberId));
      if (state) state.committedRevision = (state.committedRevision ?? 0) + 1;
    }
  }

  private partitionState(partition: string): PartitionState {
    let found = this.state.partitions.get(partition);
    if (!found) {
      found = { confirmed: false };
      this.state.partitions.set(partition, found);
    }
    return found;
  }

  /** The member's all-time totals as the batch has moved them so far. */
  private allTimeState({ orgId, memberId }: { orgId: string; memberId: string }) {
    const key = memberKey(orgId, memberId);
    const state = this.state.memberAll.get(key) ?? { counts: emptyCounts() };
    this.state.memberAll.set(key, state);
    return state;
  }

  private addRows(counted: Counted, deltas: Counts): void {
    for (const key of counted.rows) {
      const id = counterId(key);
      const row = this.counters.get(id) ?? { ...key, counts: emptyCounts() };
      addCounts(row.counts, deltas);
      this.counters.set(id, row);
    }
    if (!counted.member) return;
    const { orgId, memberId, periods } = counted.member;
    for (const period of periods) {
      const key = `${orgId}|${period}|${memberId}`;
      const row = this.memberTotals.get(key) ?? { orgId, period, memberId, counts: emptyCounts() };
      addCounts(row.counts, deltas);
      // The "all" row is written under its revision, so badges see exact totals.
      if (period === "all") {
        row.revisionBefore ??=
          this.state.memberAll.get(memberKey(orgId, memberId))?.committedRevision ?? "absent";
      }
      this.memberTotals.set(key, row);
    }
  }

  private moveCheckpoint(record: TallyRecord, partition: PartitionState, deltas: Counts): void {
    const row = this.partitions.get(record.partition) ?? {
      partition: record.partition,
      orgId: record.orgId,
      lastSequence: record.sequenceNumber,
      sequenceBefore: partition.committedSequence,
      confirmed: partition.confirmed,
      counts: emptyCounts(),
    };
    row.lastSequence = record.sequenceNumber;
    row.confirmed = partition.confirmed;
    addCounts(row.counts, deltas);
    this.partitions.set(record.partition, row);
  }
}
