import type { DynamoDBRecord } from "aws-lambda";
import { z } from "zod";

const BatchResponseSchema = z.object({
  batchItemFailures: z.array(z.object({ itemIdentifier: z.unknown() }).loose()).nullish(),
});

export type InvocationOutcome =
  | { kind: "success" }
  /** Records before `failedIndex` are done; Lambda checkpoints there and retries from it. */
  | { kind: "partial"; failedIndex: number; error: Error }
  | { kind: "failure"; error: unknown };

/**
 * Reads a handler's answer the way Lambda does with ReportBatchItemFailures:
 * nothing, or an empty or null list, is success; a list naming records means retry
 * from the lowest sequence number named; an empty, missing or unknown identifier
 * fails the whole batch.
 */
export function interpretResponse(response: unknown, batch: DynamoDBRecord[]): InvocationOutcome {
  if (response === undefined || response === null) return { kind: "success" };
  const parsed = BatchResponseSchema.safeParse(response);
  if (!parsed.success) {
    return { kind: "failure", error: new Error("The handler returned a malformed batch response") };
  }
  const failures = parsed.data.batchItemFailures ?? [];
  if (failures.length === 0) return { kind: "success" };

  let lowest = Number.POSITIVE_INFINITY;
  for (const { itemIdentifier } of failures) {
    const index =
      typeof itemIdentifier === "string" && itemIdentifier !== ""
        ? batch.findIndex((record) => record.dynamodb?.SequenceNumber === itemIdentifier)
        : -1;
    if (index === -1) {
      return {
        kind: "failure",
        error: new Error(
          `Invalid batch item failure identifier: ${JSON.stringify(itemIdentifier)}`,
        ),
      };
    }
    lowest = Math.min(lowest, index);
  }
  const failedSequence = batch[lowest]?.dynamodb?.SequenceNumber;
  return {
    kind: "partial",
    failedIndex: lowest,
    error: new Error(`The handler reported record ${failedSequence} as failed`),
  };
}
