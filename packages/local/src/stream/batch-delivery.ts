import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { abortableSleep } from "./abortable-sleep";
import { interpretResponse } from "./batch-response";
import type { StreamHandlerResult } from "./consumer-runtime";

export interface RetryBackoff {
  initialMs: number;
  maxMs: number;
}

export interface DeliveryPolicy {
  /** -1: retry until the record is too old (Lambda's default). */
  maximumRetryAttempts: number;
  /** -1: no age limit. */
  maximumRecordAgeSeconds: number;
  bisectBatchOnError: boolean;
  retryBackoff: RetryBackoff;
}

export interface DeliveryHooks {
  invoke(event: DynamoDBStreamEvent): Promise<StreamHandlerResult>;
  /** Must not return before the records are safely handed over; throwing means "try again". */
  deadLetter(records: DynamoDBRecord[], error: unknown): Promise<void>;
  onDelivered(count: number): void;
  onFailedInvocation(error: unknown): void;
  /** Aborting ends retries and backoffs early; the invocation in flight is awaited. */
  signal: AbortSignal;
  nowMs?: () => number;
}

/**
 * Delivers records in order with Lambda's stream failure semantics and returns how
 * many leading records are settled (delivered or dead-lettered). Fewer than all
 * only when aborted: the caller must not move its position past them.
 *
 * - A reported item failure settles the records before it; the rest is retried.
 * - A thrown error retries the batch, or with bisect splits it in halves, each
 *   retried on its own (splitting does not use up retries, as on Lambda).
 * - After maximumRetryAttempts retries, the records still failing are dead-lettered.
 * - Records older than maximumRecordAgeSeconds are dead-lettered instead of invoked.
 */
export async function deliverInOrder(
  records: DynamoDBRecord[],
  policy: DeliveryPolicy,
  hooks: DeliveryHooks,
): Promise<number> {
  let pending = records;
  let settled = 0;
  let retries = 0;
  while (pending.length > 0) {
    if (hooks.signal.aborted) return settled;

    const expired = leadingExpired(pending, policy.maximumRecordAgeSeconds, hooks.nowMs);
    if (expired > 0) {
      const tooOld = pending.slice(0, expired);
      const error = new Error(`Record older than ${policy.maximumRecordAgeSeconds} s`);
      if (!(await deadLetter(tooOld, error, policy, hooks))) return settled;
      settled += expired;
      pending = pending.slice(expired);
      continue;
    }

    const outcome = await invokeOnce(pending, hooks);
    if (outcome.kind === "success") {
      hooks.onDelivered(pending.length);
      return settled + pending.length;
    }
    hooks.onFailedInvocation(outcome.error);

    if (outcome.kind === "partial") {
      hooks.onDelivered(outcome.failedIndex);
      settled += outcome.failedIndex;
      pending = pending.slice(outcome.failedIndex);
    } else if (policy.bisectBatchOnError && pending.length > 1) {
      const half = Math.ceil(pending.length / 2);
      const first = pending.slice(0, half);
      const firstSettled = await deliverInOrder(first, policy, hooks);
      if (firstSettled < first.length) return settled + firstSettled;
      return settled + half + (await deliverInOrder(pending.slice(half), policy, hooks));
    }

    const limit = policy.maximumRetryAttempts;
    if (limit !== -1 && retries >= limit) {
      if (!(await deadLetter(pending, outcome.error, policy, hooks))) return settled;
      return settled + pending.length;
    }
    retries += 1;
    await abortableSleep(backoffMs(policy.retryBackoff, retries), hooks.signal);
  }
  return settled;
}

async function invokeOnce(batch: DynamoDBRecord[], hooks: DeliveryHooks) {
  try {
    return interpretResponse(await hooks.invoke({ Records: batch }), batch);
  } catch (error) {
    return { kind: "failure" as const, error };
  }
}

/** Hands records to the dead letter, retrying until it accepts them; false if aborted first. */
async function deadLetter(
  records: DynamoDBRecord[],
  error: unknown,
  policy: DeliveryPolicy,
  hooks: DeliveryHooks,
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await hooks.deadLetter(records, error);
      return true;
    } catch {
      if (hooks.signal.aborted) return false;
      await abortableSleep(backoffMs(policy.retryBackoff, attempt), hooks.signal);
    }
  }
}

function leadingExpired(
  records: DynamoDBRecord[],
  maximumAgeSeconds: number,
  nowMs: () => number = Date.now,
): number {
  if (maximumAgeSeconds === -1) return 0;
  const oldestAllowed = nowMs() / 1000 - maximumAgeSeconds;
  const firstFresh = records.findIndex(
    (record) =>
      (record.dynamodb?.ApproximateCreationDateTime ?? Number.POSITIVE_INFINITY) >= oldestAllowed,
  );
  return firstFresh === -1 ? records.length : firstFresh;
}

export function backoffMs(backoff: RetryBackoff, retry: number): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, retry - 1));
}
