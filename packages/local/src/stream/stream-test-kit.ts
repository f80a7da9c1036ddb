// Helpers for the stream poller tests (not a test file itself).
import { randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AttributeValue, PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { StreamConsumer } from "@sprida/core/event";
import { testDynamo } from "@sprida/testing/dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { createStreamPoller, type StreamPoller, type StreamPollerOptions } from "./stream-poller";

/** A key prefix no other test uses: the table is shared by the test files of a worker. */
export function uniquePrefix(label: string): string {
  return `stream-test#${label}#${randomUUID().slice(0, 8)}#`;
}

/** Lambda filter that keeps only this test's records. */
export function ownRecords(prefix: string) {
  return { dynamodb: { Keys: { pk: { S: [{ prefix }] } } } };
}

export function consumer(overrides: Partial<StreamConsumer> & { id: string }): StreamConsumer {
  return {
    description: "test consumer",
    handler: "packages/functions/src/test.handler",
    batchSize: 100,
    maximumBatchingWindowSeconds: 0,
    filters: [],
    maximumRetryAttempts: 3,
    maximumRecordAgeSeconds: -1,
    bisectBatchOnError: false,
    parallelizationFactor: 1,
    timeoutSeconds: 30,
    table: "read",
    ...overrides,
  };
}

/**
 * Writes the items one after another: BatchWriteItem promises no order between
 * items, and the tests assert the order records reach the handler in.
 */
export async function putItems(items: Record<string, AttributeValue>[]): Promise<void> {
  const { client, tableName } = testDynamo();
  for (const Item of items) await client.send(new PutItemCommand({ TableName: tableName, Item }));
}

export function item(prefix: string, name: string, extra: Record<string, AttributeValue> = {}) {
  return { pk: { S: `${prefix}${name}` }, sk: { S: "item" }, ...extra };
}

/** The name an item was written with, read back from a stream record. */
export function nameOf(record: DynamoDBRecord, prefix: string): string {
  return (record.dynamodb?.Keys?.pk?.S ?? "").slice(prefix.length);
}

export async function startPoller(
  overrides: Partial<StreamPollerOptions> & Pick<StreamPollerOptions, "consumers">,
): Promise<{ poller: StreamPoller; stateDir: string }> {
  const { client, streamsClient, tableName } = testDynamo();
  const stateDir = overrides.stateDir ?? (await mkdtemp(join(tmpdir(), "sprida-stream-")));
  const poller = createStreamPoller({
    streamsClient,
    dynamoClient: client,
    tableName,
    pollIntervalMs: 20,
    startAt: "LATEST",
    retryBackoff: { initialMs: 10, maxMs: 50 },
    log: () => {},
    ...overrides,
    stateDir,
  });
  await poller.start();
  return { poller, stateDir };
}
