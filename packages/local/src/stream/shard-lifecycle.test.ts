import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeStream } from "./fake-stream";
import { createStreamPoller, type StreamPoller } from "./stream-poller";
import { consumer } from "./stream-test-kit";

const WAIT = { timeout: 15_000, interval: 10 };

describe("stream poller shard handling (in-memory stream)", () => {
  const running: StreamPoller[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((poller) => poller.stop()));
  });

  async function startOn(stream: FakeStream, delivered: string[], stateDir?: string) {
    const poller = createStreamPoller({
      consumers: [
        {
          definition: consumer({ id: "lifecycle", batchSize: 2 }),
          invoke: async (event: DynamoDBStreamEvent) => {
            delivered.push(...event.Records.map((r) => r.dynamodb?.Keys?.pk?.S ?? "?"));
          },
        },
      ],
      streamsClient: stream.streamsClient(),
      dynamoClient: stream.dynamoClient(),
      tableName: "fake",
      stateDir: stateDir ?? (await mkdtemp(join(tmpdir(), "sprida-fake-stream-"))),
      pollIntervalMs: 5,
      shardDiscoveryIntervalMs: 20,
      log: () => {},
    });
    await poller.start();
    running.push(poller);
    return poller;
  }

  it("reads a child shard only after its parent is read to the end", async () => {
    const stream = new FakeStream();
    stream.addShard("parent");
    stream.write("parent", "p1");
    stream.write("parent", "p2");
    stream.write("parent", "p3");
    stream.closeShard("parent");
    stream.addShard("child", "parent");
    stream.write("child", "c1");
    const delivered: string[] = [];
    await startOn(stream, delivered);

    await vi.waitFor(() => expect(delivered).toEqual(["p1", "p2", "p3", "c1"]), WAIT);
    // The shard list came in pages of one: the poller followed LastEvaluatedShardId.
    const describes = stream.calls.filter((call) => call.command === "DescribeStreamCommand");
    expect(describes.some((call) => call.input.ExclusiveStartShardId === "parent")).toBe(true);
  });

  it("picks up shards that appear while running", async () => {
    const stream = new FakeStream();
    stream.addShard("first");
    const delivered: string[] = [];
    await startOn(stream, delivered);
    stream.write("first", "a");
    await vi.waitFor(() => expect(delivered).toEqual(["a"]), WAIT);

    stream.closeShard("first");
    stream.addShard("second", "first");
    stream.write("second", "b");
    await vi.waitFor(() => expect(delivered).toEqual(["a", "b"]), WAIT);
  });

  it("re-acquires an expired iterator after the last record read", async () => {
    const stream = new FakeStream();
    stream.addShard("only");
    const delivered: string[] = [];
    await startOn(stream, delivered);
    stream.write("only", "a");
    await vi.waitFor(() => expect(delivered).toEqual(["a"]), WAIT);

    stream.expireIteratorOnce();
    stream.write("only", "b");
    await vi.waitFor(() => expect(delivered).toEqual(["a", "b"]), WAIT);
    const reacquired = stream.calls.filter(
      (call) =>
        call.command === "GetShardIteratorCommand" &&
        call.input.ShardIteratorType === "AFTER_SEQUENCE_NUMBER",
    );
    expect(reacquired.length).toBeGreaterThan(0);
  });

  it("after a restart, continues in the child without rereading the finished parent", async () => {
    const stream = new FakeStream();
    stream.addShard("parent");
    stream.write("parent", "p1");
    stream.closeShard("parent");
    stream.addShard("child", "parent");
    stream.write("child", "c1");
    const stateDir = await mkdtemp(join(tmpdir(), "sprida-fake-stream-"));
    const delivered: string[] = [];
    const first = await startOn(stream, delivered, stateDir);
    await vi.waitFor(() => expect(delivered).toEqual(["p1", "c1"]), WAIT);
    await first.stop();

    stream.write("child", "c2");
    await startOn(stream, delivered, stateDir);
    await vi.waitFor(() => expect(delivered).toEqual(["p1", "c1", "c2"]), WAIT);
  });

  it("stop() waits for the batch in flight and saves its position", async () => {
    const stream = new FakeStream();
    stream.addShard("only");
    stream.write("only", "a");
    const stateDir = await mkdtemp(join(tmpdir(), "sprida-fake-stream-"));
    let release: () => void = () => {};
    const handlerDone = new Promise<void>((resolve) => {
      release = resolve;
    });
    let invoked = false;
    const poller = createStreamPoller({
      consumers: [
        {
          definition: consumer({ id: "lifecycle", batchSize: 2 }),
          invoke: async () => {
            invoked = true;
            await handlerDone;
          },
        },
      ],
      streamsClient: stream.streamsClient(),
      dynamoClient: stream.dynamoClient(),
      tableName: "fake",
      stateDir,
      pollIntervalMs: 5,
      log: () => {},
    });
    await poller.start();
    await vi.waitFor(() => expect(invoked).toBe(true), WAIT);

    let stopped = false;
    const stopping = poller.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;

    // Same consumer id as startOn's: it must resume after "a", which the slow run finished.
    const delivered: string[] = [];
    stream.write("only", "b");
    await startOn(stream, delivered, stateDir);
    await vi.waitFor(() => expect(delivered).toEqual(["b"]), WAIT);
  });
});
