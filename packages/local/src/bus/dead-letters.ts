import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { journalPath, readJournal, writeFileDurably } from "./journal";
import type { DeadLetter } from "./records";
import { deadLettersOf, foldJournal } from "./state";

/** Reads the dead letters straight from a bus directory; works with or without a running bus. */
export async function listDeadLetters(dir: string): Promise<DeadLetter[]> {
  const { records } = await readJournal(journalPath(dir));
  return deadLettersOf(foldJournal(records));
}

const ReplayRequest = z.object({
  /** Dead-letter ids; null replays every dead letter. */
  ids: z.array(z.string()).nullable(),
  requestedAt: z.string(),
});
type ReplayRequest = z.infer<typeof ReplayRequest>;

function requestsDir(dir: string): string {
  return join(dir, "replay-requests");
}

/**
 * Asks the bus that owns `dir` to replay dead letters (all of them if no ids are given).
 * The request is a file of its own, so it needs no coordination with the bus's journal:
 * a running bus picks it up within its polling interval, otherwise the next start does.
 */
export async function requestReplay(dir: string, ids?: string[]): Promise<void> {
  const request: ReplayRequest = { ids: ids ?? null, requestedAt: new Date().toISOString() };
  await mkdir(requestsDir(dir), { recursive: true });
  // Time first so the bus honours requests in the order they were made.
  const name = `${Date.now().toString().padStart(15, "0")}-${randomUUID()}.json`;
  await writeFileDurably(join(requestsDir(dir), name), JSON.stringify(request));
}

export interface PendingReplayRequest {
  path: string;
  /** Undefined replays every dead letter. */
  ids: string[] | undefined;
  /** Why the request file cannot be honoured; it should be dropped. */
  problem?: string;
  /** Call once the replay it asked for is committed to the journal. */
  done(): Promise<void>;
}

export async function pendingReplayRequests(dir: string): Promise<PendingReplayRequest[]> {
  let names: string[];
  try {
    names = await readdir(requestsDir(dir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const requests: PendingReplayRequest[] = [];
  for (const name of names.filter((n) => n.endsWith(".json")).sort()) {
    const path = join(requestsDir(dir), name);
    const done = () => rm(path, { force: true });
    let parsed: ReturnType<typeof ReplayRequest.safeParse>;
    try {
      parsed = ReplayRequest.safeParse(JSON.parse(await readFile(path, "utf8")));
    } catch (error) {
      requests.push({ path, ids: undefined, problem: String(error), done });
      continue;
    }
    if (parsed.success) requests.push({ path, ids: parsed.data.ids ?? undefined, done });
    else requests.push({ path, ids: undefined, problem: z.prettifyError(parsed.error), done });
  }
  return requests;
}
