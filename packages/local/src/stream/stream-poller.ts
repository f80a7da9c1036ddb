import { DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { Log } from "@sprida/core/log";
import type { DynamoDBRecord } from "aws-lambda";
import { abortableSleep } from "./abortable-sleep";
import type { RetryBackoff } from "./batch-delivery";
import type { ConsumerRuntime, ConsumerStats, StreamConsumerBinding } from "./consumer-runtime";
import { PositionsStore } from "./positions-store";
import { createRecordFilter } from "./record-filter";
import { describeShards, type ShardInfo } from "./shard-discovery";
import { ShardReader } from "./shard-reader";

export interface StreamPollerOptions {
  consumers: StreamConsumerBinding[];
  streamsClient: DynamoDBStreamsClient;
  dynamoClient: DynamoDBClient;
  tableName: string;
  /** Positions are kept here (stream-positions-<table>.json) across restarts. */
  stateDir: string;
  /** Pause between reads of a shard that had nothing new. */
  pollIntervalMs?: number;
  /** Where a consumer seen for the first time begins; later runs resume from saved positions. */
  startAt?: "TRIM_HORIZON" | "LATEST";
  /** How often the stream is asked for new shards. */
  shardDiscoveryIntervalMs?: number;
  retryBackoff?: RetryBackoff;
  /** The on-failure destination: records given up on after the retries. */
  onDeadLetter?(
    consumerId: string,
    records: DynamoDBRecord[],
    error: unknown,
  ): void | Promise<void>;
  log?: (message: string) => void;
}

export interface StreamPollerStats {
  consumers: ConsumerStats[];
  healthy: boolean;
}

export interface StreamPoller {
  /** Resolves once every shard being read holds an iterator. */
  start(): Promise<void>;
  /** Waits for batches in flight; retries and backoffs in progress are cut short. */
  stop(): Promise<void>;
  stats(): StreamPollerStats;
}

const DEFAULT_BACKOFF: RetryBackoff = { initialMs: 200, maxMs: 5_000 };

/**
 * The local stand-in for Lambda's DynamoDB event source mapping: reads the table's
 * real stream and calls each consumer's handler with a DynamoDBStreamEvent.
 * Like the event source mapping, each consumer has its own positions, reads a
 * child shard only after its parent is read to the end, and keeps one batch per
 * shard in flight. Unlike it, parallelizationFactor is not used: one batch per
 * shard keeps a stricter order than AWS promises, which handlers must tolerate anyway.
 */
export function createStreamPoller(options: StreamPollerOptions): StreamPoller {
  const log =
    options.log ?? ((message: string) => Log.warn(message, { component: "stream poller" }));
  const consumers = options.consumers.map(
    (binding): ConsumerRuntime => ({
      binding,
      matches: createRecordFilter(binding.definition.id, binding.definition.filters),
      counters: { delivered: 0, failed: 0, deadLettered: 0, lastDeliveredAt: null },
    }),
  );
  assertUniqueIds(consumers);

  const readers = new Map<string, { consumerId: string; reader: ShardReader }>();
  let abort = new AbortController();
  let running = false;
  let discoveryHealthy = true;
  let discoveryLoop: Promise<void> | undefined;
  let wakeDiscovery: () => void = () => {};

  async function start(): Promise<void> {
    if (running) return;
    abort = new AbortController();
    const streamArn = await latestStreamArn(options.dynamoClient, options.tableName);
    const awsRegion = await options.streamsClient.config.region();
    const store = await PositionsStore.load(options.stateDir, options.tableName, streamArn, log);
    const shards = await describeShards(options.streamsClient, streamArn);
    await initialiseNewConsumers(store, shards);
    running = true;

    const reconcile = (shards: ShardInfo[]) =>
      startEligibleReaders({ shards, store, streamArn, awsRegion });
    await Promise.all(reconcile(shards).map((reader) => reader.ready));
    discoveryLoop = discoverPeriodically(streamArn, store, reconcile);
  }

  /** A consumer never seen before starting at LATEST skips what the stream already holds. */
  async function initialiseNewConsumers(store: PositionsStore, shards: ShardInfo[]) {
    if (options.startAt !== "LATEST") return;
    let changed = false;
    for (const { binding } of consumers) {
      const id = binding.definition.id;
      if (store.hasConsumer(id)) continue;
      for (const shard of shards) {
        store.set(id, shard.shardId, shard.closed ? { exhausted: true } : { startAt: "LATEST" });
      }
      changed = true;
    }
    if (changed) await store.save();
  }

  function startEligibleReaders(context: {
    shards: ShardInfo[];
    store: PositionsStore;
    streamArn: string;
    awsRegion: string;
  }): ShardReader[] {
    const { shards, store, streamArn, awsRegion } = context;
    const listed = new Set(shards.map((shard) => shard.shardId));
    const started: ShardReader[] = [];
    for (const consumer of consumers) {
      const consumerId = consumer.binding.definition.id;
      if (store.forgetExhaustedExcept(consumerId, listed)) {
        store.save().catch((error: unknown) => log(`Saving stream positions failed: ${error}`));
      }
      for (const shard of shards) {
        const key = `${consumerId}\u0000${shard.shardId}`;
        const position = store.get(consumerId, shard.shardId);
        if (readers.has(key) || position?.exhausted || abort.signal.aborted) continue;
        const parent = shard.parentShardId;
        // A parent no longer listed was trimmed: nothing of it is left to read first.
        if (
          parent !== undefined &&
          listed.has(parent) &&
          !store.get(consumerId, parent)?.exhausted
        ) {
          continue;
        }
        const reader = new ShardReader({
          streamsClient: options.streamsClient,
          streamArn,
          awsRegion,
          shardId: shard.shardId,
          consumer,
          store,
          startingPosition: position?.startAt === "LATEST" ? "LATEST" : "TRIM_HORIZON",
          policy: {
            maximumRetryAttempts: consumer.binding.definition.maximumRetryAttempts,
            maximumRecordAgeSeconds: consumer.binding.definition.maximumRecordAgeSeconds,
            bisectBatchOnError: consumer.binding.definition.bisectBatchOnError,
            retryBackoff: options.retryBackoff ?? DEFAULT_BACKOFF,
          },
          pollIntervalMs: options.pollIntervalMs ?? 100,
          onDeadLetter: (records, error) => deadLetter(consumerId, records, error),
          log,
          signal: abort.signal,
        });
        readers.set(key, { consumerId, reader });
        void reader.finished
          .catch((error: unknown) => {
            log(`Stream consumer ${consumerId}, shard ${shard.shardId} stopped: ${String(error)}`);
          })
          .finally(() => {
            // Discovery starts it again if it is not done; an exhausted shard frees its children.
            if (readers.get(key)?.reader === reader) readers.delete(key);
            wakeDiscovery();
          });
        started.push(reader);
      }
    }
    return started;
  }

  async function deadLetter(consumerId: string, records: DynamoDBRecord[], error: unknown) {
    if (options.onDeadLetter) {
      await options.onDeadLetter(consumerId, records, error);
      return;
    }
    const ids = records.map((record) => record.dynamodb?.SequenceNumber).join(", ");
    log(`Stream consumer ${consumerId} gave up on records ${ids}: ${String(error)}`);
  }

  async function discoverPeriodically(
    streamArn: string,
    store: PositionsStore,
    reconcile: (shards: ShardInfo[]) => ShardReader[],
  ): Promise<void> {
    const { signal } = abort;
    while (!signal.aborted) {
      await new Promise<void>((resolve) => {
        wakeDiscovery = resolve;
        void abortableSleep(options.shardDiscoveryIntervalMs ?? 1_000, signal).then(resolve);
      });
      if (signal.aborted) break;
      try {
        reconcile(await describeShards(options.streamsClient, streamArn, signal));
        discoveryHealthy = true;
      } catch (error) {
        if (signal.aborted) break;
        discoveryHealthy = false;
        log(`DescribeStream failed: ${String(error)}`);
      }
    }
    await store.save();
  }

  async function stop(): Promise<void> {
    if (!running) return;
    abort.abort();
    wakeDiscovery();
    await discoveryLoop;
    await Promise.allSettled([...readers.values()].map(({ reader }) => reader.finished));
    readers.clear();
    running = false;
  }

  function stats(): StreamPollerStats {
    const active = [...readers.values()];
    return {
      consumers: consumers.map(({ binding, counters }) => ({
        id: binding.definition.id,
        shards: active.filter((entry) => entry.consumerId === binding.definition.id).length,
        ...counters,
      })),
      healthy: running && discoveryHealthy && active.every(({ reader }) => reader.healthy),
    };
  }

  return { start, stop, stats };
}

async function latestStreamArn(client: DynamoDBClient, tableName: string): Promise<string> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const streamArn = Table?.LatestStreamArn;
  if (streamArn === undefined || Table?.StreamSpecification?.StreamEnabled === false) {
    throw new Error(
      `Table ${tableName} has no stream; create it from the shared table definition.`,
    );
  }
  return streamArn;
}

function assertUniqueIds(consumers: ConsumerRuntime[]): void {
  const ids = consumers.map((consumer) => consumer.binding.definition.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate !== undefined) throw new Error(`Two stream consumers share the id ${duplicate}`);
}
