import { readdir, readFile } from "node:fs/promises";
import {
  DeleteItemCommand,
  DescribeTableCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { testDynamo } from "@sprida/testing/dynamodb";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { StreamPoller } from "./stream-poller";
import {
  consumer,
  item,
  nameOf,
  ownRecords,
  putItems,
  startPoller,
  uniquePrefix,
} from "./stream-test-kit";

const WAIT = { timeout: 15_000, interval: 25 };

describe("stream poller", () => {
  const running: StreamPoller[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((poller) => poller.stop()));
  });

  async function start(...args: Parameters<typeof startPoller>) {
    const started = await startPoller(...args);
    running.push(started.poller);
    return started;
  }

  it("invokes the handler with Lambda's DynamoDBStreamEvent shape", async () => {
    const prefix = uniquePrefix("shape");
    const events: DynamoDBStreamEvent[] = [];
    await start({
      consumers: [
        {
          definition: consumer({ id: "shape", filters: [ownRecords(prefix)] }),
          invoke: async (event) => {
            events.push(structuredClone(event));
          },
        },
      ],
    });
    const { client, tableName } = testDynamo();
    const key = { pk: { S: `${prefix}a` }, sk: { S: "item" } };
    await putItems([
      item(prefix, "a", {
        count: { N: "1" },
        blob: { B: new Uint8Array([1, 2, 3]) },
        flags: { M: { on: { BOOL: true }, none: { NULL: true } } },
        tags: { SS: ["x", "y"] },
        list: { L: [{ S: "first" }, { N: "2" }] },
      }),
    ]);
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: "SET #count = :two",
        ExpressionAttributeNames: { "#count": "count" },
        ExpressionAttributeValues: { ":two": { N: "2" } },
      }),
    );
    await client.send(new DeleteItemCommand({ TableName: tableName, Key: key }));

    const records = () => events.flatMap((event) => event.Records);
    await vi.waitFor(() => expect(records()).toHaveLength(3), WAIT);

    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const [insert, modify, remove] = records() as [DynamoDBRecord, DynamoDBRecord, DynamoDBRecord];
    const nowSeconds = Date.now() / 1000;
    expect(Object.keys(events[0] ?? {})).toEqual(["Records"]);
    expect(insert).toEqual({
      eventID: expect.any(String),
      eventName: "INSERT",
      eventVersion: "1.1",
      eventSource: "aws:dynamodb",
      awsRegion: "eu-north-1",
      eventSourceARN: Table?.LatestStreamArn,
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: key,
        NewImage: {
          ...key,
          count: { N: "1" },
          blob: { B: Buffer.from([1, 2, 3]).toString("base64") },
          flags: { M: { on: { BOOL: true }, none: { NULL: true } } },
          tags: { SS: ["x", "y"] },
          list: { L: [{ S: "first" }, { N: "2" }] },
        },
        SequenceNumber: expect.any(String),
        SizeBytes: expect.any(Number),
        StreamViewType: "NEW_AND_OLD_IMAGES",
      },
    });
    const created = insert.dynamodb?.ApproximateCreationDateTime ?? 0;
    expect(Number.isInteger(created)).toBe(true);
    expect(Math.abs(created - nowSeconds)).toBeLessThan(120);

    expect(modify.eventName).toBe("MODIFY");
    expect(modify.dynamodb?.OldImage?.count).toEqual({ N: "1" });
    expect(modify.dynamodb?.NewImage?.count).toEqual({ N: "2" });
    expect(remove.eventName).toBe("REMOVE");
    expect(remove.dynamodb?.OldImage?.count).toEqual({ N: "2" });
    expect(remove.dynamodb?.NewImage).toBeUndefined();
  });

  it("delivers only records matching a filter, like Lambda event filtering", async () => {
    const prefix = uniquePrefix("filter");
    const filtered: string[] = [];
    const everything: string[] = [];
    const typeIs = (type: string) => ({
      eventName: ["INSERT"],
      dynamodb: { Keys: { pk: { S: [{ prefix }] } }, NewImage: { type: { S: [type] } } },
    });
    const { stateDir } = await start({
      consumers: [
        {
          definition: consumer({ id: "clicks", filters: [typeIs("click"), typeIs("share")] }),
          invoke: async (event) => {
            filtered.push(...event.Records.map((record) => nameOf(record, prefix)));
          },
        },
        {
          definition: consumer({ id: "all", filters: [ownRecords(prefix)] }),
          invoke: async (event) => {
            everything.push(...event.Records.map((record) => nameOf(record, prefix)));
          },
        },
      ],
    });
    await putItems([
      item(prefix, "1", { type: { S: "click" } }),
      item(prefix, "2", { type: { S: "view" } }),
      item(prefix, "3", { type: { S: "share" } }),
    ]);
    // A MODIFY of a click: the eventName filter keeps it out.
    await putItems([item(prefix, "1", { type: { S: "click" }, again: { BOOL: true } })]);
    // Trailing records that match nothing: the position must still move past them.
    await putItems([item(prefix, "4", { type: { S: "view" } })]);

    await vi.waitFor(() => expect(everything).toEqual(["1", "2", "3", "1", "4"]), WAIT);
    await vi.waitFor(() => expect(filtered).toEqual(["1", "3"]), WAIT);

    // Both consumers end at the same sequence number, though "clicks" saw nothing after "3".
    const [file] = (await readdir(stateDir)).filter((name) => name.endsWith(".json"));
    const positions = async () =>
      JSON.parse(await readFile(`${stateDir}/${file}`, "utf8")).consumers as Record<
        string,
        Record<string, { sequenceNumber?: string }>
      >;
    await vi.waitFor(async () => {
      const saved = await positions();
      expect(Object.values(saved.clicks ?? {})).toEqual(Object.values(saved.all ?? {}));
    }, WAIT);
  });

  it("retries from the first failed item reported in batchItemFailures", async () => {
    const prefix = uniquePrefix("partial");
    const calls: string[][] = [];
    await start({
      consumers: [
        {
          definition: consumer({
            id: "partial",
            filters: [ownRecords(prefix)],
            maximumBatchingWindowSeconds: 1,
          }),
          invoke: async (event) => {
            const names = event.Records.map((record) => nameOf(record, prefix));
            calls.push(names);
            if (calls.length > 1) return;
            // Report c and e: Lambda checkpoints at the lowest one, c.
            const failed = event.Records.filter((record) =>
              ["c", "e"].includes(nameOf(record, prefix)),
            );
            return {
              batchItemFailures: failed.map((record) => ({
                itemIdentifier: record.dynamodb?.SequenceNumber ?? "",
              })),
            };
          },
        },
      ],
    });
    await putItems(["a", "b", "c", "d", "e"].map((name) => item(prefix, name)));

    await vi.waitFor(() => expect(calls).toHaveLength(2), WAIT);
    expect(calls).toEqual([
      ["a", "b", "c", "d", "e"],
      ["c", "d", "e"],
    ]);
  });

  it("retries the whole batch when the handler throws", async () => {
    const prefix = uniquePrefix("throw");
    const calls: string[][] = [];
    const { poller } = await start({
      consumers: [
        {
          definition: consumer({
            id: "throws-once",
            filters: [ownRecords(prefix)],
            maximumBatchingWindowSeconds: 1,
          }),
          invoke: async (event) => {
            calls.push(event.Records.map((record) => nameOf(record, prefix)));
            if (calls.length === 1) throw new Error("transient");
          },
        },
      ],
    });
    await putItems(["a", "b", "c"].map((name) => item(prefix, name)));

    await vi.waitFor(() => expect(calls).toHaveLength(2), WAIT);
    expect(calls).toEqual([
      ["a", "b", "c"],
      ["a", "b", "c"],
    ]);
    await vi.waitFor(() => expect(poller.stats().consumers[0]?.delivered).toBe(3), WAIT);
    expect(poller.stats().consumers[0]).toMatchObject({ failed: 1, deadLettered: 0 });
  });

  it("dead-letters a batch after maximumRetryAttempts and moves on", async () => {
    const prefix = uniquePrefix("dlq");
    const attempts: string[][] = [];
    const delivered: string[] = [];
    const deadLetters: { consumerId: string; names: string[]; error: unknown }[] = [];
    const { poller } = await start({
      consumers: [
        {
          definition: consumer({
            id: "poisoned",
            filters: [ownRecords(prefix)],
            maximumRetryAttempts: 2,
            maximumBatchingWindowSeconds: 1,
          }),
          invoke: async (event) => {
            const names = event.Records.map((record) => nameOf(record, prefix));
            if (names.includes("poison")) {
              attempts.push(names);
              throw new Error("cannot handle poison");
            }
            delivered.push(...names);
          },
        },
      ],
      onDeadLetter: (consumerId, records, error) => {
        deadLetters.push({ consumerId, names: records.map((r) => nameOf(r, prefix)), error });
      },
    });
    await putItems(["a", "poison"].map((name) => item(prefix, name)));
    await vi.waitFor(() => expect(deadLetters).toHaveLength(1), WAIT);
    await putItems([item(prefix, "after")]);
    await vi.waitFor(() => expect(delivered).toEqual(["after"]), WAIT);

    // The first attempt plus two retries, then the on-failure destination.
    expect(attempts).toEqual([
      ["a", "poison"],
      ["a", "poison"],
      ["a", "poison"],
    ]);
    expect(deadLetters[0]).toMatchObject({ consumerId: "poisoned", names: ["a", "poison"] });
    expect(String(deadLetters[0]?.error)).toContain("cannot handle poison");
    expect(poller.stats().consumers[0]).toMatchObject({ deadLettered: 2, failed: 3, delivered: 1 });
  });

  it("with bisectBatchOnError, dead-letters only the failing half", async () => {
    const prefix = uniquePrefix("bisect");
    const delivered: string[] = [];
    const deadLettered: string[] = [];
    await start({
      consumers: [
        {
          definition: consumer({
            id: "bisect",
            filters: [ownRecords(prefix)],
            maximumRetryAttempts: 1,
            bisectBatchOnError: true,
            maximumBatchingWindowSeconds: 1,
          }),
          invoke: async (event) => {
            const names = event.Records.map((record) => nameOf(record, prefix));
            if (names.includes("c")) throw new Error("c is poison");
            delivered.push(...names);
          },
        },
      ],
      onDeadLetter: (_id, records) => {
        deadLettered.push(...records.map((record) => nameOf(record, prefix)));
      },
    });
    await putItems(["a", "b", "c", "d"].map((name) => item(prefix, name)));

    await vi.waitFor(() => expect([...delivered, ...deadLettered]).toHaveLength(4), WAIT);
    expect(deadLettered).toEqual(["c"]);
    expect(delivered).toEqual(["a", "b", "d"]);
  });

  it("keeps its position across a restart: nothing twice, nothing lost", async () => {
    const prefix = uniquePrefix("restart");
    const delivered: string[] = [];
    const definition = consumer({ id: "restart", filters: [ownRecords(prefix)], batchSize: 2 });
    const binding = {
      definition,
      invoke: async (event: DynamoDBStreamEvent) => {
        delivered.push(...event.Records.map((record) => nameOf(record, prefix)));
      },
    };
    const first = await start({ consumers: [binding] });
    await putItems(["1", "2", "3"].map((name) => item(prefix, name)));
    await vi.waitFor(() => expect(delivered).toEqual(["1", "2", "3"]), WAIT);
    await first.poller.stop();

    // Written while nothing reads the stream.
    await putItems(["4", "5", "6"].map((name) => item(prefix, name)));
    const second = await start({ consumers: [binding], stateDir: first.stateDir });
    await putItems(["7"].map((name) => item(prefix, name)));

    await vi.waitFor(() => expect(delivered).toHaveLength(7), WAIT);
    expect(delivered).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(second.poller.stats()).toMatchObject({ healthy: true });
  });
});
