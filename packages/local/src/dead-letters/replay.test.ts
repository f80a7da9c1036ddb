import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from "@aws-sdk/client-dynamodb-streams";
import { testDynamo } from "@sprida/testing/dynamodb";
import { describe, expect, it } from "vitest";
import {
  consumer,
  item,
  nameOf,
  ownRecords,
  putItems,
  uniquePrefix,
} from "../stream/stream-test-kit";
import {
  type FunctionInvoker,
  type QueueClient,
  type QueueMessage,
  replayDeadLetters,
} from "./replay";
import { classifyQueues, type DeadLetterQueue, stageDeadLetterQueues } from "./stage-queues";

/** An SQS queue in memory: received messages stay until deleted, hidden for the rest of the test. */
function fakeQueue(bodies: unknown[]) {
  const messages = new Map<string, QueueMessage>(
    bodies.map((body, index) => [
      `m${index}`,
      {
        id: `m${index}`,
        body: typeof body === "string" ? body : JSON.stringify(body),
        receiptHandle: `r${index}`,
      },
    ]),
  );
  const receives: { max: number; hideSeconds: number }[] = [];
  const hidden = new Set<string>();
  const client: QueueClient = {
    async receive(_queue, max, hideSeconds) {
      receives.push({ max, hideSeconds });
      const visible = [...messages.values()].filter(({ id }) => !hidden.has(id)).slice(0, max);
      for (const { id } of visible) hidden.add(id);
      return visible;
    },
    async delete(_queue, receiptHandle) {
      for (const [id, message] of messages)
        if (message.receiptHandle === receiptHandle) messages.delete(id);
    },
  };
  return { client, receives, left: () => [...messages.keys()] };
}

function recordingInvoker(answer: (payload: unknown) => unknown = () => undefined) {
  const calls: { functionName: string; payload: unknown; mode: "async" | "sync" }[] = [];
  const invoker: FunctionInvoker = {
    async invokeAsync(functionName, payload) {
      calls.push({ functionName, payload, mode: "async" });
      if (answer(payload) instanceof Error) throw answer(payload);
    },
    async invoke(functionName, payload) {
      calls.push({ functionName, payload, mode: "sync" });
      return answer(payload);
    },
  };
  return { invoker, calls };
}

const options = { max: 100, dryRun: false, awsRegion: "eu-north-1" };
const quiet = () => {};
const queueOf = (id: string): DeadLetterQueue => {
  const queue = stageDeadLetterQueues("production").find((candidate) => candidate.id === id);
  if (!queue) throw new Error(id);
  return queue;
};

describe("a deployed stage's dead-letter queues", () => {
  it("are named as the stacks name them, and anything else is reported as unknown", () => {
    expect(queueOf("ingest")).toMatchObject({
      kind: "rule",
      queueName: "production-sprida-ingest-dlq",
      functionName: "production-sprida-IngestHandler",
    });
    expect(queueOf("job-unit").functionName).toBe("production-sprida-JobUnitRunner");
    expect(queueOf("tick").functionName).toBe("production-sprida-TickJob");
    expect(queueOf("tally")).toMatchObject({
      kind: "stream",
      queueName: "production-sprida-tally-failures",
      functionName: "production-sprida-TallyConsumer",
    });
    expect(
      classifyQueues("production", [
        "production-sprida-ingest-dlq",
        "production-sprida-old-rule-dlq",
        "production-sprida-something-else",
      ]),
    ).toEqual({ known: [queueOf("ingest")], unknown: ["production-sprida-old-rule-dlq"] });
  });
});

describe("replaying a rule's dead letters", () => {
  const delivered = (id: string) => ({
    version: "0",
    id,
    "detail-type": "link.clicked",
    source: "sprida",
    account: "123456789012",
    time: "2026-12-01T10:00:00Z",
    region: "eu-north-1",
    resources: [],
    detail: { properties: {}, metadata: {} },
  });
  const events = [delivered("e1"), delivered("e2")];

  it("invokes the rule's own function with each event, asynchronously, and deletes only what was accepted", async () => {
    const queue = fakeQueue([...events, "not json", { id: "e3", detail: {} }]);
    const { invoker, calls } = recordingInvoker((payload) =>
      (payload as { id: string }).id === "e2" ? new Error("throttled") : undefined,
    );
    const summary = await replayDeadLetters(
      queueOf("ingest"),
      { queues: queue.client, functions: invoker, streams: testDynamo().streamsClient },
      options,
      quiet,
    );
    expect(
      calls.map(({ functionName, payload, mode }) => [
        functionName,
        (payload as { id?: string }).id,
        mode,
      ]),
    ).toEqual([
      ["production-sprida-IngestHandler", "e1", "async"],
      ["production-sprida-IngestHandler", "e2", "async"],
    ]);
    expect(calls[0]?.payload).toEqual(events[0]);
    expect(summary).toEqual({
      queue: "ingest",
      replayed: 1,
      failed: 3,
      expired: 0,
      wouldReplay: 0,
    });
    expect(queue.left()).toEqual(["m1", "m2", "m3"]);
  });

  it("changes nothing on a dry run", async () => {
    const queue = fakeQueue(events);
    const { invoker, calls } = recordingInvoker();
    const summary = await replayDeadLetters(
      queueOf("mail-events"),
      { queues: queue.client, functions: invoker, streams: testDynamo().streamsClient },
      { ...options, dryRun: true },
      quiet,
    );
    expect(summary.wouldReplay).toBe(2);
    expect(calls).toEqual([]);
    expect(queue.left()).toEqual(["m0", "m1"]);
    // Hidden only briefly, so the messages are back in the queue a few seconds later.
    expect(queue.receives.every(({ hideSeconds }) => hideSeconds <= 10)).toBe(true);
  });
});

/** Reads, from shard iterators taken before `write`, the records it made (with their shard). */
async function recordsWrittenBy(prefix: string, write: () => Promise<void>) {
  const { client, streamsClient, tableName } = testDynamo();
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const streamArn = Table?.LatestStreamArn as string;
  const { StreamDescription } = await streamsClient.send(
    new DescribeStreamCommand({ StreamArn: streamArn }),
  );
  const open = (StreamDescription?.Shards ?? []).filter(
    (shard) => !shard.SequenceNumberRange?.EndingSequenceNumber,
  );
  const iterators = await Promise.all(
    open.map(async (shard) => ({
      shardId: shard.ShardId as string,
      iterator: (
        await streamsClient.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shard.ShardId,
            ShardIteratorType: "LATEST",
          }),
        )
      ).ShardIterator,
    })),
  );
  await write();
  const found: { shardId: string; sequence: string; pk: string }[] = [];
  for (const { shardId, iterator } of iterators) {
    const { Records = [] } = await streamsClient.send(
      new GetRecordsCommand({ ShardIterator: iterator }),
    );
    for (const record of Records) {
      const pk = record.dynamodb?.Keys?.pk?.S ?? "";
      if (pk.startsWith(prefix))
        found.push({ shardId, sequence: record.dynamodb?.SequenceNumber as string, pk });
    }
  }
  return { streamArn, found };
}

describe("replaying a stream consumer's failed batch", () => {
  it("reads the batch back from the stream, keeps what the consumer's filters match, and invokes it in Lambda's shape", async () => {
    const prefix = uniquePrefix("dlq-replay");
    const { streamArn, found } = await recordsWrittenBy(prefix, () =>
      putItems(["a", "b", "c"].map((name) => item(prefix, name))),
    );
    expect(found).toHaveLength(3);
    const [first, , last] = found;
    const tallyConsumer = consumer({ id: "tally", filters: [ownRecords(prefix)] });
    const tally = { ...queueOf("tally"), consumer: tallyConsumer } as DeadLetterQueue;
    const pointer = {
      requestContext: {
        functionArn: "arn:aws:lambda:eu-north-1:1:function:x",
        condition: "RetryAttemptsExhausted",
      },
      version: "1.0",
      timestamp: new Date().toISOString(),
      DDBStreamBatchInfo: {
        shardId: first?.shardId,
        startSequenceNumber: first?.sequence,
        endSequenceNumber: last?.sequence,
        batchSize: 3,
        streamArn,
      },
    };
    const queue = fakeQueue([pointer]);
    const { invoker, calls } = recordingInvoker(() => ({ batchItemFailures: [] }));
    const summary = await replayDeadLetters(
      tally,
      { queues: queue.client, functions: invoker, streams: testDynamo().streamsClient },
      { ...options, awsRegion: "local" },
      quiet,
    );
    expect(summary).toMatchObject({ replayed: 1, failed: 0, expired: 0 });
    expect(queue.left()).toEqual([]);
    // One pointer at a time, hidden for longer than the consumer may run on it.
    expect(queue.receives[0]).toEqual({ max: 1, hideSeconds: tallyConsumer.timeoutSeconds + 60 });
    const [call] = calls;
    expect(call?.mode).toBe("sync");
    expect(call?.functionName).toBe("production-sprida-TallyConsumer");
    const records =
      (call?.payload as { Records: import("aws-lambda").DynamoDBRecord[] } | undefined)?.Records ??
      [];
    expect(records.map((record) => nameOf(record, prefix))).toEqual(["a", "b", "c"]);
    expect(records[0]).toMatchObject({
      eventSource: "aws:dynamodb",
      eventSourceARN: streamArn,
      eventName: "INSERT",
    });
  });

  it("leaves a batch the function fails again, and reports one the stream no longer holds as expired", async () => {
    const prefix = uniquePrefix("dlq-expired");
    const { streamArn, found } = await recordsWrittenBy(prefix, () =>
      putItems([item(prefix, "x")]),
    );
    const [only] = found;
    const pointer = (start: string, end: string) => ({
      DDBStreamBatchInfo: {
        shardId: only?.shardId,
        startSequenceNumber: start,
        endSequenceNumber: end,
        batchSize: 1,
        streamArn,
      },
    });
    const webhooks: DeadLetterQueue = {
      ...queueOf("webhooks"),
      consumer: consumer({ id: "webhooks", filters: [ownRecords(prefix)] }),
    } as DeadLetterQueue;
    const failing = fakeQueue([pointer(only?.sequence as string, only?.sequence as string)]);
    const { invoker } = recordingInvoker((payload) => ({
      batchItemFailures: [
        {
          itemIdentifier: (payload as { Records: { dynamodb: { SequenceNumber: string } }[] })
            .Records[0]?.dynamodb.SequenceNumber,
        },
      ],
    }));
    expect(
      await replayDeadLetters(
        webhooks,
        { queues: failing.client, functions: invoker, streams: testDynamo().streamsClient },
        options,
        quiet,
      ),
    ).toMatchObject({ replayed: 0, failed: 1 });
    expect(failing.left()).toEqual(["m0"]);

    // A shard the stream no longer has (trimmed away 24 hours after it closed).
    const expiredPointer = pointer(only?.sequence as string, only?.sequence as string);
    expiredPointer.DDBStreamBatchInfo.shardId = "shardId-00000001700000000000-0000dead";
    const gone = fakeQueue([expiredPointer]);
    const summary = await replayDeadLetters(
      webhooks,
      { queues: gone.client, functions: invoker, streams: testDynamo().streamsClient },
      options,
      quiet,
    );
    expect(summary).toMatchObject({ expired: 1, replayed: 0 });
    expect(gone.left()).toEqual(["m0"]);
  });

  it("reports a batch whose first or last record the shard no longer holds as expired, invoking nothing", async () => {
    const prefix = uniquePrefix("dlq-trimmed");
    const { streamArn, found } = await recordsWrittenBy(prefix, () =>
      putItems(["a", "b"].map((name) => item(prefix, name))),
    );
    const [first, last] = found;
    const pointer = (start: string, end: string) => ({
      DDBStreamBatchInfo: {
        shardId: first?.shardId as string,
        startSequenceNumber: start,
        endSequenceNumber: end,
        batchSize: 2,
        streamArn,
      },
    });
    const beyond = (sequence: string) =>
      (BigInt(sequence) + 10n ** 12n).toString().padStart(sequence.length, "0");
    const webhooks = {
      ...queueOf("webhooks"),
      consumer: consumer({ id: "webhooks", filters: [ownRecords(prefix)] }),
    } as DeadLetterQueue;
    const queue = fakeQueue([
      // Sequence numbers the shard does not hold: past its end, and before its beginning.
      pointer(beyond(last?.sequence as string), beyond(last?.sequence as string)),
      pointer("0".repeat(21), last?.sequence as string),
      // Its last record is not there: the batch was longer than what the shard still has.
      pointer(first?.sequence as string, beyond(last?.sequence as string)),
    ]);
    const { invoker, calls } = recordingInvoker(() => ({ batchItemFailures: [] }));
    const lines: string[] = [];
    const summary = await replayDeadLetters(
      webhooks,
      { queues: queue.client, functions: invoker, streams: testDynamo().streamsClient },
      options,
      (line) => lines.push(line),
    );
    expect(lines).toHaveLength(3);
    expect(summary).toMatchObject({ expired: 3, replayed: 0, failed: 0 });
    expect(calls).toEqual([]);
    expect(queue.left()).toEqual(["m0", "m1", "m2"]);
    expect(lines.every((line) => line.includes("Their deliveries are lost"))).toBe(true);

    // The tally's advice: recount the days the batch was written on, which the line names.
    const tallyLines: string[] = [];
    const expiredTally = pointer("0".repeat(21), last?.sequence as string);
    await replayDeadLetters(
      { ...queueOf("tally"), consumer: consumer({ id: "tally" }) } as DeadLetterQueue,
      {
        queues: fakeQueue([
          {
            DDBStreamBatchInfo: {
              ...expiredTally.DDBStreamBatchInfo,
              approximateArrivalOfFirstRecord: "2026-11-23T23:59:10.000Z",
              approximateArrivalOfLastRecord: "2026-11-24T00:00:40.000Z",
            },
          },
        ]).client,
        functions: invoker,
        streams: testDynamo().streamsClient,
      },
      options,
      (line) => tallyLines.push(line),
    );
    expect(tallyLines[0]).toContain("2026-11-23T23:59:10.000Z to 2026-11-24T00:00:40.000Z");
    expect(tallyLines[0]).toContain("npm run admin -- recount-tally");
  });
});
