import { setTimeout as sleep } from "node:timers/promises";

/**
 * Polls until `probe` returns something other than undefined. Asynchronous results may take
 * a while on a busy machine; this waits up to a generous limit and never judges the speed.
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  limitMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(50);
  }
  throw new Error(`Gave up after ${limitMs} ms${lastError ? `: ${String(lastError)}` : ""}`);
}
