import {
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type ShardIteratorType,
} from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBRecord } from "aws-lambda";
import { abortableSleep } from "./abortable-sleep";
import { type DeliveryPolicy, deliverInOrder } from "./batch-delivery";
import type { ConsumerRuntime } from "./consumer-runtime";
import { toLambdaRecord } from "./lambda-record";
import type { PositionsStore } from "./positions-store";

/**
 * Locally a batching window is at most a second, so the demo and the tests see counts at
 * once; on AWS the consumer's own window stands (the tally's is a minute, for cost).
 */
export const LOCAL_MAX_BATCHING_WINDOW_SECONDS = 1;

export interface ShardReaderContext {
  streamsClient: DynamoDBStreamsClient;
  streamArn: string;
  awsRegion: string;
  shardId: string;
  consumer: ConsumerRuntime;
  store: PositionsStore;
  /** Where to begin when no sequence number is saved for this shard. */
  startingPosition: "TRIM_HORIZON" | "LATEST";
  policy: DeliveryPolicy;
  pollIntervalMs: number;
  onDeadLetter(records: DynamoDBRecord[], error: unknown): Promise<void>;
  log(message: string): void;
  signal: AbortSignal;
}

interface Buffered {
  record: DynamoDBRecord;
  sequenceNumber: string;
  matches: boolean;
  arrivedAtMs: number;
}

const MAX_RECORDS_PER_READ = 1000;
const ERROR_PAUSE_MS = 1_000;

/**
 * Reads one shard for one consumer: one batch in flight at a time, so records of a
 * shard reach the handler in order. The position is saved after every batch.
 */
export class ShardReader {
  /** Resolves once the first iterator is held: records written after that are not missed. */
  readonly ready: Promise<void>;
  readonly finished: Promise<void>;
  healthy = true;
  exhausted = false;

  private markReady: () => void = () => {};
  private buffer: Buffered[] = [];
  /** Last record read from the shard, committed or still buffered. */
  private lastReadSequence: string | undefined;

  constructor(private readonly context: ShardReaderContext) {
    this.lastReadSequence = context.store.get(
      context.consumer.binding.definition.id,
      context.shardId,
    )?.sequenceNumber;
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
    this.finished = this.run().finally(() => this.markReady());
  }

  private get consumerId(): string {
    return this.context.consumer.binding.definition.id;
  }

  private async run(): Promise<void> {
    const { signal } = this.context;
    let iterator = await this.acquireIterator();
    this.markReady();
    while (!signal.aborted && !this.exhausted) {
      if (iterator === undefined) {
        // Closed and read to the end: deliver what is left, then let the children start.
        if (await this.deliverBuffered(true)) await this.markExhausted();
        return;
      }
      let read: Awaited<ReturnType<ShardReader["read"]>>;
      try {
        read = await this.read(iterator);
        this.healthy = true;
      } catch (error) {
        if (signal.aborted) return;
        iterator = await this.recoverFromReadError(error);
        continue;
      }
      iterator = read.nextIterator;
      if (!(await this.deliverBuffered(iterator === undefined))) return;
      if (read.count === 0 && iterator !== undefined) {
        await abortableSleep(this.context.pollIntervalMs, signal);
      }
    }
  }

  private async read(
    iterator: string,
  ): Promise<{ count: number; nextIterator: string | undefined }> {
    const { streamsClient, streamArn, awsRegion, consumer, signal } = this.context;
    const response = await streamsClient.send(
      new GetRecordsCommand({ ShardIterator: iterator, Limit: MAX_RECORDS_PER_READ }),
      { abortSignal: signal },
    );
    const now = Date.now();
    for (const raw of response.Records ?? []) {
      const record = toLambdaRecord(raw, streamArn, awsRegion);
      const sequenceNumber = record.dynamodb?.SequenceNumber;
      if (sequenceNumber === undefined) continue;
      this.buffer.push({
        record,
        sequenceNumber,
        matches: consumer.matches(record),
        arrivedAtMs: now,
      });
      this.lastReadSequence = sequenceNumber;
    }
    return { count: response.Records?.length ?? 0, nextIterator: response.NextShardIterator };
  }

  private async recoverFromReadError(error: unknown): Promise<string | undefined> {
    const name = error instanceof Error ? error.name : "";
    if (name === "ExpiredIteratorException") return this.acquireIterator();
    this.healthy = false;
    this.context.log(
      `Stream consumer ${this.consumerId}, shard ${this.context.shardId}: GetRecords failed (${describe(error)}); retrying`,
    );
    await abortableSleep(ERROR_PAUSE_MS, this.context.signal);
    return this.acquireIterator();
  }

  /**
   * An iterator right after the last record read, or at the starting position.
   * Undefined means the shard is gone and nothing more can be read from it.
   */
  private async acquireIterator(): Promise<string | undefined> {
    const { streamsClient, streamArn, shardId, signal } = this.context;
    const after = this.lastReadSequence;
    const request = (type: ShardIteratorType, sequenceNumber?: string) =>
      streamsClient.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: type,
          SequenceNumber: sequenceNumber,
        }),
        { abortSignal: signal },
      );
    while (!signal.aborted) {
      try {
        const response =
          after === undefined
            ? await request(this.context.startingPosition)
            : await request("AFTER_SEQUENCE_NUMBER", after);
        return response.ShardIterator;
      } catch (error) {
        if (signal.aborted) return undefined;
        const name = error instanceof Error ? error.name : "";
        if (name === "ResourceNotFoundException") return undefined;
        if (name === "TrimmedDataAccessException") {
          this.context.log(
            `Stream consumer ${this.consumerId}, shard ${shardId}: saved position was trimmed; reading from the oldest record`,
          );
          return (await request("TRIM_HORIZON").catch(() => undefined))?.ShardIterator;
        }
        this.healthy = false;
        this.context.log(
          `Stream consumer ${this.consumerId}, shard ${shardId}: GetShardIterator failed (${describe(error)}); retrying`,
        );
        await abortableSleep(ERROR_PAUSE_MS, signal);
      }
    }
    return undefined;
  }

  /**
   * Delivers full batches, and a partial one when the batching window is over or
   * the shard ended. Returns false when stopped before everything due was settled.
   */
  private async deliverBuffered(shardEnded: boolean): Promise<boolean> {
    const { batchSize, maximumBatchingWindowSeconds } = this.context.consumer.binding.definition;
    const windowMs =
      Math.min(maximumBatchingWindowSeconds, LOCAL_MAX_BATCHING_WINDOW_SECONDS) * 1000;
    while (this.buffer.length > 0) {
      if (this.context.signal.aborted) return false;
      const firstMatch = this.buffer.find((item) => item.matches);
      if (firstMatch === undefined) {
        // Only filtered-out records: move past them without invoking anything.
        await this.commit(this.buffer.length);
        return true;
      }
      const matching = this.buffer.filter((item) => item.matches).length;
      const windowOver = shardEnded || Date.now() - firstMatch.arrivedAtMs >= windowMs;
      if (matching < batchSize && !windowOver) return true;

      const take = batchLength(this.buffer, batchSize);
      const batch = this.buffer.slice(0, take).filter((item) => item.matches);
      const settled = await deliverInOrder(
        batch.map((item) => item.record),
        this.context.policy,
        this.deliveryHooks(),
      );
      if (settled < batch.length) {
        // Stopped mid-retry: keep the position just before the first unsettled record.
        const firstUnsettled = batch[settled];
        const upTo = firstUnsettled === undefined ? 0 : this.buffer.indexOf(firstUnsettled);
        if (upTo > 0) await this.commit(upTo);
        return false;
      }
      await this.commit(take);
    }
    return true;
  }

  private deliveryHooks() {
    const { consumer, signal } = this.context;
    return {
      invoke: consumer.binding.invoke,
      deadLetter: async (records: DynamoDBRecord[], error: unknown) => {
        await this.context.onDeadLetter(records, error);
        consumer.counters.deadLettered += records.length;
      },
      onDelivered: (count: number) => {
        if (count === 0) return;
        consumer.counters.delivered += count;
        consumer.counters.lastDeliveredAt = new Date().toISOString();
      },
      onFailedInvocation: () => {
        consumer.counters.failed += 1;
      },
      signal,
    };
  }

  /** Saves the position after the first `count` buffered records and drops them. */
  private async commit(count: number): Promise<void> {
    const last = this.buffer[count - 1];
    if (last === undefined) return;
    this.buffer = this.buffer.slice(count);
    this.context.store.set(this.consumerId, this.context.shardId, {
      sequenceNumber: last.sequenceNumber,
    });
    await this.context.store.save();
  }

  private async markExhausted(): Promise<void> {
    const { store, shardId } = this.context;
    const sequenceNumber = store.get(this.consumerId, shardId)?.sequenceNumber;
    store.set(this.consumerId, shardId, { sequenceNumber, exhausted: true });
    await store.save();
    this.exhausted = true;
  }
}

/**
 * How many leading buffered records make one batch: up to batchSize matching
 * records, plus the filtered-out ones that follow, so the position moves past them.
 */
function batchLength(buffer: Buffered[], batchSize: number): number {
  let matching = 0;
  for (const [index, item] of buffer.entries()) {
    if (item.matches) {
      if (matching === batchSize) return index;
      matching += 1;
    }
  }
  return buffer.length;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
