import { setTimeout as sleep } from "node:timers/promises";

/** Waits, but returns early (without throwing) when the signal aborts: stop() must not wait out a backoff. */
export async function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted || ms <= 0) return;
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    // Aborted: the caller checks the signal.
  }
}
