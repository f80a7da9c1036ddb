import { open, readFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import { journalPath } from "./journal";
import { BusStoppedError, LocalBus } from "./local-bus";
import {
  busFixture,
  deferred,
  forType,
  journalRecords,
  outgoing,
  recorder,
  rule,
  waitFor,
} from "./test-support";

const fixture = busFixture();
afterEach(async () => {
  vi.restoreAllMocks();
  await fixture.cleanUp();
});

describe("routing", () => {
  it("invokes only the rules whose pattern matches", async () => {
    const dir = await fixture.dir();
    const targets = recorder();
    const bus = await fixture.bus({
      dir,
      invoke: targets.invoke,
      rules: [
        rule("ingest", { pattern: forType("share.created", "link.clicked") }),
        rule("clicks", { pattern: forType("link.clicked") }),
        rule("everything", { pattern: { source: ["sprida"] } }),
      ],
    });

    await bus.publish([outgoing("share.created")]);

    await waitFor(() => bus.stats().delivered === 2, "two deliveries");
    expect(targets.calls.map((call) => call.ruleId).sort()).toEqual(["everything", "ingest"]);
    expect(targets.for("clicks")).toEqual([]);
  });

  it("delivers the EventBridge shape with the published detail", async () => {
    const dir = await fixture.dir();
    const targets = recorder();
    const bus = await fixture.bus({ dir, invoke: targets.invoke, rules: [rule("ingest")] });
    const event = outgoing("link.clicked", { code: "abc", at: new Date(0) });

    await bus.publish([event]);

    await waitFor(() => targets.calls.length === 1, "the delivery");
    const delivered = targets.calls[0]?.event;
    expect(delivered).toMatchObject({
      version: "0",
      "detail-type": "link.clicked",
      source: "sprida",
      account: "000000000000",
      region: "local",
      resources: [],
      // What JSON carries, as on AWS: a Date arrives as its ISO string.
      detail: { properties: { code: "abc", at: "1970-01-01T00:00:00.000Z" } },
    });
    expect(delivered?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(delivered?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it("accepts and drops an event that no rule matches", async () => {
    const dir = await fixture.dir();
    const targets = recorder();
    const bus = await fixture.bus({
      dir,
      invoke: targets.invoke,
      rules: [rule("clicks", { pattern: forType("link.clicked") })],
    });

    await bus.publish([outgoing("member.left")]);

    expect(bus.stats()).toMatchObject({ published: 1, pendingDeliveries: 0 });
    expect(targets.calls).toEqual([]);
    expect(await journalRecords(dir)).toEqual([]);
  });

  it("rejects an invalid event and writes nothing", async () => {
    const dir = await fixture.dir();
    const bus = await fixture.bus({ dir, rules: [rule("ingest")] });
    const invalid = { ...outgoing(), detailType: "Not A Name" };

    await expect(bus.publish([outgoing(), invalid])).rejects.toThrow(/detailType/);

    expect(await journalRecords(dir)).toEqual([]);
    expect(bus.stats().published).toBe(0);
  });

  it("rejects an event larger than EventBridge accepts", async () => {
    const dir = await fixture.dir();
    const bus = await fixture.bus({ dir, rules: [rule("ingest")] });

    await expect(bus.publish([outgoing("share.created", "x".repeat(300_000))])).rejects.toThrow(
      /256 KiB/,
    );
  });

  it("refuses a rule with an invalid pattern at construction", () => {
    expect(
      () =>
        new LocalBus({
          dir: "unused",
          rules: [rule("broken", { pattern: { source: "sprida" } })],
          invoke: async () => {},
        }),
    ).toThrow(/"broken" has an invalid pattern/);
  });
});

describe("durability", () => {
  it("resolves publish only after the journal write is fsynced", async () => {
    const dir = await fixture.dir();
    const bus = await fixture.bus({ dir, rules: [rule("ingest")] });
    const probe = await open(join(dir, "probe"), "w");
    const fileHandle = Object.getPrototypeOf(probe);
    await probe.close();
    const datasync = fileHandle.datasync;
    const fsyncGate = deferred();
    const order: string[] = [];
    vi.spyOn(fileHandle, "datasync").mockImplementation(async function (this: unknown) {
      await fsyncGate.promise;
      await datasync.call(this);
      order.push("fsynced");
    });

    const published = bus.publish([outgoing()]).then(() => order.push("published"));
    try {
      await waitFor(() => vi.mocked(fileHandle.datasync).mock.calls.length === 1, "the fsync");
      await sleep(20);
      expect(order).toEqual([]);
    } finally {
      fsyncGate.resolve();
    }
    await published;

    expect(order).toEqual(["fsynced", "published"]);
    const onDisk = await readFile(journalPath(dir), "utf8");
    expect(onDisk).toContain('"detail-type":"share.created"');
  });

  it("group-commits concurrent publishes into far fewer fsyncs", async () => {
    const dir = await fixture.dir();
    const targetsHeld = deferred();
    const bus = await fixture.bus({
      dir,
      rules: [rule("ingest")],
      // Holding the targets keeps ack writes out of the count.
      invoke: () => targetsHeld.promise,
    });
    const publishes = 200;

    await Promise.all(Array.from({ length: publishes }, () => bus.publish([outgoing()])));

    const { fsyncs, published } = bus.stats();
    expect(published).toBe(publishes);
    expect(fsyncs).toBeLessThanOrEqual(publishes / 10);
    expect(await journalRecords(dir)).toHaveLength(publishes);
    targetsHeld.resolve();
    await waitFor(() => bus.stats().delivered === publishes, "every delivery");
  });
});

describe("stop", () => {
  it("rejects publishes once stopped", async () => {
    const dir = await fixture.dir();
    const bus = await fixture.bus({ dir, rules: [rule("ingest")] });

    await bus.stop();

    await expect(bus.publish([outgoing()])).rejects.toBeInstanceOf(BusStoppedError);
    await expect(bus.publish([outgoing()])).rejects.toThrow(/stopped; publish rejected/);
  });

  it("completes a publish already being written before it closes the journal", async () => {
    const dir = await fixture.dir();
    const bus = await fixture.bus({
      dir,
      rules: [rule("ingest")],
      invoke: () => new Promise(() => {}),
    });

    const published = bus.publish([outgoing()]);
    const stopped = bus.stop();

    await expect(published).resolves.toBeUndefined();
    await stopped;
    expect((await journalRecords(dir)).map((record) => record.type)).toEqual(["event"]);
  });

  it("lets a running invocation finish and records its ack", async () => {
    const dir = await fixture.dir();
    const started = deferred();
    const finish = deferred();
    const bus = await fixture.bus({
      dir,
      rules: [rule("ingest")],
      stopTimeoutMs: 10_000,
      invoke: async () => {
        started.resolve();
        await finish.promise;
      },
    });
    await bus.publish([outgoing()]);
    await started.promise;

    const stopped = bus.stop();
    finish.resolve();
    await stopped;

    expect(bus.stats()).toMatchObject({ delivered: 1, pendingDeliveries: 0 });
    expect((await journalRecords(dir)).map((record) => record.type)).toEqual(["event", "ack"]);
  });

  it("leaves a delivery whose target outlives the timeout pending for the next start", async () => {
    const dir = await fixture.dir();
    const bus = await fixture.bus({
      dir,
      rules: [rule("ingest")],
      stopTimeoutMs: 50,
      invoke: () => new Promise<void>(() => {}),
    });
    await bus.publish([outgoing()]);
    await waitFor(() => bus.stats().pendingDeliveries === 1, "the delivery to start");

    await bus.stop();

    const targets = recorder();
    const next = await fixture.bus({ dir, rules: [rule("ingest")], invoke: targets.invoke });
    await waitFor(() => targets.calls.length === 1, "the resumed delivery");
    await waitFor(() => next.stats().pendingDeliveries === 0, "its ack");
  });
});
