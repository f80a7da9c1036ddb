import { mkdir, open, readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

const ShardPositionSchema = z.object({
  /** Last record processed (delivered, filtered out or dead-lettered). */
  sequenceNumber: z.string().optional(),
  /** The shard is closed and this consumer has read all of it; its children may start. */
  exhausted: z.boolean().optional(),
  /** A new consumer started at LATEST and has not committed a record on this shard yet. */
  startAt: z.literal("LATEST").optional(),
});
export type ShardPosition = z.infer<typeof ShardPositionSchema>;

const PositionsFileSchema = z.object({
  version: z.literal(1),
  streamArn: z.string(),
  consumers: z.record(z.string(), z.record(z.string(), ShardPositionSchema)),
});
type PositionsFile = z.infer<typeof PositionsFileSchema>;

/**
 * Per consumer and shard, where reading resumes after a restart. Written whole on
 * every change to a temporary file that is synced and renamed over the old one, so
 * a crash leaves either the old or the new positions, never half a file.
 */
export class PositionsStore {
  private queuedWrite: Promise<void> | undefined;
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly data: PositionsFile,
  ) {}

  static async load(
    stateDir: string,
    tableName: string,
    streamArn: string,
    log: (message: string) => void,
  ): Promise<PositionsStore> {
    await mkdir(stateDir, { recursive: true });
    const path = join(stateDir, `stream-positions-${tableName}.json`);
    const fresh: PositionsFile = { version: 1, streamArn, consumers: {} };
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT")
        return new PositionsStore(path, fresh);
      throw error;
    }
    const parsed = PositionsFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw new Error(`Unreadable stream positions in ${path}: ${parsed.error.message}`);
    }
    if (parsed.data.streamArn !== streamArn) {
      // The table was recreated: sequence numbers of the old stream mean nothing here.
      log(`Stream positions in ${path} belong to another stream; starting fresh.`);
      return new PositionsStore(path, fresh);
    }
    return new PositionsStore(path, parsed.data);
  }

  hasConsumer(consumerId: string): boolean {
    return Object.hasOwn(this.data.consumers, consumerId);
  }

  get(consumerId: string, shardId: string): ShardPosition | undefined {
    return this.data.consumers[consumerId]?.[shardId];
  }

  set(consumerId: string, shardId: string, position: ShardPosition): void {
    const shards = this.data.consumers[consumerId] ?? {};
    shards[shardId] = position;
    this.data.consumers[consumerId] = shards;
  }

  /** Drops finished shards that the stream no longer lists (trimmed after 24 hours on AWS). */
  forgetExhaustedExcept(consumerId: string, liveShardIds: Set<string>): boolean {
    const shards = this.data.consumers[consumerId];
    if (shards === undefined) return false;
    let changed = false;
    for (const [shardId, position] of Object.entries(shards)) {
      if (position.exhausted && !liveShardIds.has(shardId)) {
        delete shards[shardId];
        changed = true;
      }
    }
    return changed;
  }

  /** Writes the current positions; calls made while a write is queued share it. */
  save(): Promise<void> {
    if (this.queuedWrite !== undefined) return this.queuedWrite;
    const write = this.writes.then(() => {
      this.queuedWrite = undefined;
      return this.writeNow();
    });
    this.queuedWrite = write;
    this.writes = write.catch(() => {});
    return write;
  }

  private async writeNow(): Promise<void> {
    const temporary = `${this.path}.${process.pid}.tmp`;
    const file = await open(temporary, "w");
    try {
      await file.writeFile(`${JSON.stringify(this.data, null, 2)}\n`, "utf8");
      await file.datasync();
    } finally {
      await file.close();
    }
    await rename(temporary, this.path);
  }
}
