import { setMaxListeners } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import type { DeliveredEvent, EventRule } from "@sprida/core/event";

export interface RetryPolicy {
  /** Delay before the first retry; each further retry doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 500, maxDelayMs: 60_000 };

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so
 * failing deliveries spread out without ever retrying immediately.
 */
export function retryDelay(policy: RetryPolicy, retry: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Bounds how many invocations of one rule run at once. */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {}

  /** Resolves true with a slot, or false if the signal aborts first. */
  acquire(signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const grant = () => {
        signal.removeEventListener("abort", abandon);
        this.active++;
        resolve(true);
      };
      const abandon = () => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        resolve(false);
      };
      this.waiting.push(grant);
      signal.addEventListener("abort", abandon, { once: true });
    });
  }

  release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}

/** An AbortController whose signal may have one listener per waiting delivery. */
export function stopController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

export type Outcome =
  | { kind: "delivered"; attempts: number }
  | { kind: "failed"; attempts: number; error: string }
  /** The bus stopped first; the delivery stays pending in the journal. */
  | { kind: "abandoned" };

export interface DeliverOptions {
  event: DeliveredEvent;
  rule: EventRule;
  /** Start of the retry window (ms since epoch): the event's time, or when it was replayed. */
  since: number;
  invoke: (rule: EventRule, event: DeliveredEvent) => Promise<void>;
  retry: RetryPolicy;
  limiter: Limiter;
  signal: AbortSignal;
  onRetry: (attempts: number, error: string, delayMs: number) => void;
}

/** Invokes the target until it succeeds or the rule's retry limits are reached. */
export async function deliver(options: DeliverOptions): Promise<Outcome> {
  const { event, rule, since, invoke, retry, limiter, signal } = options;
  const deadline = since + rule.maximumEventAgeSeconds * 1000;
  for (let attempts = 1; ; attempts++) {
    if (!(await limiter.acquire(signal))) return { kind: "abandoned" };
    let error: string;
    try {
      // Each invocation gets its own copy, as each Lambda invocation parses its own.
      await invoke(rule, structuredClone(event));
      return { kind: "delivered", attempts };
    } catch (thrown) {
      error = errorMessage(thrown);
    } finally {
      limiter.release();
    }
    const delayMs = retryDelay(retry, attempts);
    if (attempts > rule.maximumRetryAttempts || Date.now() + delayMs > deadline) {
      return { kind: "failed", attempts, error };
    }
    if (signal.aborted) return { kind: "abandoned" };
    options.onRetry(attempts, error, delayMs);
    try {
      await sleep(delayMs, undefined, { signal });
    } catch {
      return { kind: "abandoned" };
    }
  }
}

function errorMessage(thrown: unknown): string {
  const message = thrown instanceof Error ? thrown.message || thrown.name : String(thrown);
  return message.length > 4096 ? `${message.slice(0, 4096)}…` : message;
}
