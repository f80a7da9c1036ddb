import { randomUUID } from "node:crypto";
import { type FileHandle, open, readFile, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { JournalRecord } from "./records";

export function journalPath(dir: string): string {
  return join(dir, "journal.ndjson");
}

export class JournalCorruptError extends Error {
  constructor(path: string, line: number, cause: unknown) {
    super(`Journal ${path} is corrupt at line ${line} (only the last line may be torn)`, { cause });
    this.name = "JournalCorruptError";
  }
}

export interface JournalContents {
  records: JournalRecord[];
  /** The final line could not be parsed: a write cut short by a crash. */
  tornTail: boolean;
}

/** Reads a journal; a missing file is an empty journal. Safe while a bus is appending. */
export async function readJournal(path: string): Promise<JournalContents> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { records: [], tornTail: false };
    throw error;
  }
  const lines = text.split("\n");
  let last = lines.length - 1;
  while (last >= 0 && lines[last]?.trim() === "") last--;
  const records: JournalRecord[] = [];
  for (let index = 0; index <= last; index++) {
    const line = lines[index] ?? "";
    if (line.trim() === "") continue;
    try {
      records.push(JournalRecord.parse(JSON.parse(line)));
    } catch (error) {
      // A crash mid-write can only damage the end of the file; anything earlier is real damage.
      if (index === last) return { records, tornTail: true };
      throw new JournalCorruptError(path, index + 1, error);
    }
  }
  return { records, tornTail: false };
}

export function serialize(records: JournalRecord[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join("");
}

/** Replaces a file atomically: a crash leaves either the old or the new contents. */
export async function writeFileDurably(path: string, data: string): Promise<void> {
  const tmp = `${path}.${randomUUID()}.tmp`;
  const handle = await open(tmp, "w");
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(tmp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(tmp, path);
  await syncDirectory(dirname(path));
}

/** Makes a rename or a new file durable; Windows cannot open directories and needs no help. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === "win32") return;
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

interface Waiting {
  data: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Appends to the journal with group commit: whatever arrives while a write+fsync is in
 * progress goes out together in the next one, so each caller waits at most two fsyncs
 * and a burst of appends costs a handful of fsyncs.
 */
export class JournalWriter {
  private queue: Waiting[] = [];
  private flushing: Promise<void> | undefined;
  private failure: unknown;
  private closed = false;
  private fsyncCount = 0;

  private constructor(
    private readonly handle: FileHandle,
    private byteCount: number,
  ) {}

  static async open(path: string): Promise<JournalWriter> {
    const handle = await open(path, "a");
    const { size } = await handle.stat();
    return new JournalWriter(handle, size);
  }

  get fsyncs(): number {
    return this.fsyncCount;
  }

  get bytes(): number {
    return this.byteCount;
  }

  /** Resolves once the records are written and fsynced. */
  append(records: JournalRecord[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error("The bus journal is closed"));
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (records.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ data: serialize(records), resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Waits for queued appends, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushing;
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      try {
        if (this.failure !== undefined) throw this.failure;
        const data = batch.map((waiting) => waiting.data).join("");
        await this.handle.appendFile(data);
        await this.handle.datasync();
        this.fsyncCount++;
        this.byteCount += Buffer.byteLength(data);
        for (const waiting of batch) waiting.resolve();
      } catch (error) {
        // After a failed write or fsync the file's state is unknown and retrying fsync can
        // report success for lost data, so the journal refuses all further appends.
        this.failure ??= error;
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.flushing = undefined;
  }
}
