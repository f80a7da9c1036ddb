import type { Counted } from "./counting";
import type { Counts } from "./metrics";
import type { CounterSetAdditions, TallyTransaction, TallyWriteItem } from "./tally.entity";
import type { TallyRecord } from "./tally-record";

/** One record as a consumer sees it, after counting and before its rows are written. */
export interface CountedRecord {
  record: TallyRecord;
  /** What the counting core made of the record; not to be changed. */
  counted: Readonly<Counted>;
  /**
   * The vector every row of the record gets: the counting core's deltas, plus what earlier
   * consumers added. A consumer adds its own metrics here (points, value) and nowhere else.
   */
  deltas: Counts;
  /** The member's all-time totals before this record, for thresholds (badges). */
  allTimeBefore?: Readonly<Counts>;
}

/**
 * One consumer's writes for one transaction. It moves its own batch state on as records
 * come (the next record of a link sees the previous one's effect), and contributes items to
 * the transaction the counting core's rows are written in, so all commit or none do.
 */
export interface ConsumerChunk {
  add(record: CountedRecord): void;
  /** Items of its own so far (beyond the counting core's rows), for the transaction's limit. */
  readonly itemCount: number;
  /** What to add to a counter row the core writes anyway (one item, one update), by row id. */
  counterAdditions(rowId: string): CounterSetAdditions | undefined;
  items(tx: TallyTransaction): TallyWriteItem[];
}

/**
 * Something the tally does with every record's deltas besides counting them (the points
 * policy; later the value/ROI metrics). Consumers run in the order listed in consumers.ts,
 * each on the same record and deltas; none knows of another.
 */
export interface TallyConsumer {
  readonly name: string;
  /** The most items one record makes it write beyond the counting core's rows. */
  readonly maxItemsPerRecord: number;
  /** Reads what it needs for a batch, once per attempt (consistently), before any write. */
  prepare(records: TallyRecord[]): Promise<{ chunk(now: string): ConsumerChunk }>;
}
