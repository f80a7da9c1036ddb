import { appendFile, readFile, writeFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { JournalCorruptError, journalPath, serialize } from "./journal";
import { LocalBus } from "./local-bus";
import type { JournalRecord } from "./records";
import {
  busFixture,
  forType,
  journalRecords,
  outgoing,
  recorder,
  rule,
  waitFor,
} from "./test-support";

const fixture = busFixture();
afterEach(() => fixture.cleanUp());

const hang = () => new Promise<void>(() => {});

describe("restart", () => {
  it("resumes the deliveries a crashed bus never acknowledged, and only those", async () => {
    const dir = await fixture.dir();
    const rules = [
      rule("ingest", { pattern: forType("share.created") }),
      rule("mailer", { pattern: forType("share.created") }),
    ];
    const first = recorder();
    // The crashed process: ingest's target acknowledges, mailer's never returns.
    const crashed = await fixture.bus({
      dir,
      rules,
      invoke: (target, event) => (target.id === "ingest" ? first.invoke(target, event) : hang()),
    });
    await crashed.publish([outgoing(), outgoing(), outgoing()]);
    await waitFor(() => crashed.stats().pendingDeliveries === 3, "ingest's acks");
    const published = first.calls.map((call) => call.event.id).sort();

    const second = recorder();
    const restarted = await fixture.bus({ dir, rules, invoke: second.invoke });

    await waitFor(() => restarted.stats().pendingDeliveries === 0, "the resumed deliveries");
    expect(second.for("ingest")).toEqual([]);
    expect(
      second
        .for("mailer")
        .map((call) => call.event.id)
        .sort(),
    ).toEqual(published);
    const original = new Map(first.calls.map((call) => [call.event.id, call.event]));
    for (const { event } of second.for("mailer")) expect(event).toEqual(original.get(event.id));
  });

  it("compacts the journal on start to unfinished deliveries and dead letters", async () => {
    const dir = await fixture.dir();
    const rules = [rule("ingest", { maximumRetryAttempts: 0 })];
    const bus = await fixture.bus({
      dir,
      rules,
      invoke: async (_rule, event) => {
        if ((event.detail as { properties: string }).properties === "poison")
          throw new Error("bad");
      },
    });
    await bus.publish([outgoing("share.created", "fine"), outgoing("share.created", "poison")]);
    await waitFor(() => bus.stats().pendingDeliveries === 0, "both outcomes");
    await bus.stop();
    expect((await journalRecords(dir)).map((record) => record.type).sort()).toEqual([
      "ack",
      "dead",
      "event",
      "event",
    ]);

    const next = await fixture.bus({ dir, rules });

    const records = await journalRecords(dir);
    expect(records.map((record) => record.type)).toEqual(["event", "dead"]);
    expect(next.deadLetters()).toHaveLength(1);
    expect(next.deadLetters()[0]?.event.detail).toMatchObject({ properties: "poison" });
  });

  it("ignores a torn final line and keeps the journal usable", async () => {
    const dir = await fixture.dir();
    const rules = [rule("ingest")];
    const crashed = await fixture.bus({ dir, rules, invoke: hang });
    await crashed.publish([outgoing()]);
    await appendFile(journalPath(dir), '{"type":"event","event":{"version":"0","id":"to');

    const targets = recorder();
    const restarted = await fixture.bus({ dir, rules, invoke: targets.invoke });

    await waitFor(() => targets.calls.length === 1, "the intact event's delivery");
    expect(await readFile(journalPath(dir), "utf8")).not.toContain('"id":"to\n');
    await restarted.publish([outgoing()]);
    await waitFor(() => targets.calls.length === 2, "a new event's delivery");
    await waitFor(() => restarted.stats().pendingDeliveries === 0, "the acks");
    await restarted.stop();
    const again = await fixture.bus({ dir, rules });
    expect(again.stats().pendingDeliveries).toBe(0);
  });

  it("refuses to start on a damaged line that is not the last", async () => {
    const dir = await fixture.dir();
    const bus = await fixture.bus({ dir, rules: [rule("ingest")], invoke: hang });
    await bus.publish([outgoing()]);
    await bus.stop();
    const intact = await readFile(journalPath(dir), "utf8");
    await writeFile(journalPath(dir), `{"type":"ev\n${intact}`);

    const next = new LocalBus({ dir, rules: [rule("ingest")], invoke: async () => {} });

    await expect(next.start()).rejects.toBeInstanceOf(JournalCorruptError);
  });

  it("dead-letters a pending delivery whose rule no longer exists", async () => {
    const dir = await fixture.dir();
    const records: JournalRecord[] = [
      {
        type: "event",
        event: {
          version: "0",
          id: "11111111-1111-4111-8111-111111111111",
          "detail-type": "share.created",
          source: "sprida",
          account: "000000000000",
          time: "2024-01-01T00:00:00Z",
          region: "local",
          resources: [],
          detail: {},
        },
        rules: ["retired"],
      },
    ];
    await writeFile(journalPath(dir), serialize(records));

    const bus = await fixture.bus({ dir, rules: [rule("ingest")] });

    expect(bus.deadLetters()).toMatchObject([
      { ruleId: "retired", error: 'Event rule "retired" is not defined any more', attempts: 0 },
    ]);
  });
});
