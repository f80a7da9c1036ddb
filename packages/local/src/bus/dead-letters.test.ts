import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { DeliveredEvent, EventRule } from "@sprida/core/event";
import { afterEach, describe, expect, it } from "vitest";
import { listDeadLetters, requestReplay } from "./dead-letters";
import { retryDelay } from "./delivery";
import type { DeadLetter } from "./records";
import { busFixture, journalRecords, outgoing, rule, waitFor } from "./test-support";

const fixture = busFixture();
afterEach(() => fixture.cleanUp());

/** A target that fails until told to recover. */
function flakyTarget() {
  const state = { failing: true, attempts: 0, succeeded: [] as DeliveredEvent[] };
  return {
    state,
    invoke: async (_rule: EventRule, event: DeliveredEvent) => {
      state.attempts++;
      if (state.failing) throw new Error("target down");
      state.succeeded.push(event);
    },
  };
}

describe("retries", () => {
  it("retries maximumRetryAttempts times, then dead-letters with the error", async () => {
    const dir = await fixture.dir();
    const target = flakyTarget();
    const alarms: DeadLetter[] = [];
    const bus = await fixture.bus({
      dir,
      rules: [rule("ingest", { maximumRetryAttempts: 2 })],
      invoke: target.invoke,
      onDeadLetter: (deadLetter) => alarms.push(deadLetter),
    });

    await bus.publish([outgoing("share.created")]);

    await waitFor(() => bus.deadLetters().length === 1, "the dead letter");
    const [deadLetter] = bus.deadLetters();
    expect(deadLetter).toMatchObject({ ruleId: "ingest", error: "target down", attempts: 3 });
    expect(deadLetter?.event["detail-type"]).toBe("share.created");
    expect(target.state.attempts).toBe(3);
    expect(bus.stats()).toMatchObject({ retried: 2, deadLettered: 1, pendingDeliveries: 0 });
    expect(alarms).toEqual([deadLetter]);
    expect(await listDeadLetters(dir)).toEqual([deadLetter]);
  });

  it("stops retrying once the next attempt would pass maximumEventAgeSeconds", async () => {
    const dir = await fixture.dir();
    const target = flakyTarget();
    const bus = await fixture.bus({
      dir,
      rules: [rule("ingest", { maximumRetryAttempts: 185, maximumEventAgeSeconds: 0 })],
      invoke: target.invoke,
    });

    await bus.publish([outgoing()]);

    await waitFor(() => bus.deadLetters().length === 1, "the dead letter");
    expect(bus.deadLetters()[0]?.attempts).toBe(1);
    expect(target.state.attempts).toBe(1);
  });

  it("delivers after transient failures without dead-lettering", async () => {
    const dir = await fixture.dir();
    let calls = 0;
    const bus = await fixture.bus({
      dir,
      rules: [rule("ingest", { maximumRetryAttempts: 5 })],
      invoke: async () => {
        calls++;
        if (calls < 3) throw new Error("not yet");
      },
    });

    await bus.publish([outgoing()]);

    await waitFor(() => bus.stats().pendingDeliveries === 0, "the ack");
    expect(bus.stats()).toMatchObject({ delivered: 1, retried: 2, deadLettered: 0 });
    expect(bus.deadLetters()).toEqual([]);
  });

  it("backs off exponentially within the bounds, with jitter", () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1_000 };
    expect([1, 2, 3, 4, 5].map((retry) => retryDelay(policy, retry, () => 0))).toEqual([
      50, 100, 200, 400, 500,
    ]);
    expect([1, 2, 3, 4, 5].map((retry) => retryDelay(policy, retry, () => 1))).toEqual([
      100, 200, 400, 800, 1_000,
    ]);
  });
});

describe("replay", () => {
  it("re-delivers a dead letter with fresh attempts and forgets it, durably", async () => {
    const dir = await fixture.dir();
    const target = flakyTarget();
    const rules = [rule("ingest", { maximumRetryAttempts: 1 })];
    const bus = await fixture.bus({ dir, rules, invoke: target.invoke });
    await bus.publish([outgoing()]);
    await waitFor(() => bus.deadLetters().length === 1, "the dead letter");
    const [deadLetter] = bus.deadLetters();
    target.state.failing = false;

    const replayed = await bus.replay();

    expect(replayed).toEqual([deadLetter?.id]);
    expect(bus.deadLetters()).toEqual([]);
    await waitFor(() => target.state.succeeded.length === 1, "the replayed delivery");
    expect(target.state.succeeded[0]?.id).toBe(deadLetter?.event.id);
    await waitFor(() => bus.stats().pendingDeliveries === 0, "the ack");
    await bus.stop();
    expect(await listDeadLetters(dir)).toEqual([]);
    const next = await fixture.bus({ dir, rules, invoke: target.invoke });
    expect(next.deadLetters()).toEqual([]);
    expect(next.stats().pendingDeliveries).toBe(0);
  });

  it("replays only the ids given and skips unknown ones", async () => {
    const dir = await fixture.dir();
    const target = flakyTarget();
    const bus = await fixture.bus({
      dir,
      rules: [rule("ingest", { maximumRetryAttempts: 0 })],
      invoke: target.invoke,
    });
    await bus.publish([outgoing(), outgoing()]);
    await waitFor(() => bus.deadLetters().length === 2, "two dead letters");
    const [first, second] = bus.deadLetters();
    target.state.failing = false;

    const replayed = await bus.replay([first?.id ?? "", "no-such-id"]);

    expect(replayed).toEqual([first?.id]);
    expect(bus.deadLetters()).toEqual([second]);
    await waitFor(() => target.state.succeeded.length === 1, "the replayed delivery");
  });

  it("honours a replay request made while the bus was down", async () => {
    const dir = await fixture.dir();
    const target = flakyTarget();
    const rules = [rule("ingest", { maximumRetryAttempts: 0 })];
    const bus = await fixture.bus({ dir, rules, invoke: target.invoke });
    await bus.publish([outgoing()]);
    await waitFor(() => bus.deadLetters().length === 1, "the dead letter");
    await bus.stop();
    const [deadLetter] = await listDeadLetters(dir);

    await requestReplay(dir, [deadLetter?.id ?? ""]);
    target.state.failing = false;
    const next = await fixture.bus({ dir, rules, invoke: target.invoke });

    await waitFor(() => target.state.succeeded.length === 1, "the replayed delivery");
    expect(next.deadLetters()).toEqual([]);
    expect((await journalRecords(dir)).some((record) => record.type === "replay")).toBe(true);
    expect(await readdir(join(dir, "replay-requests"))).toEqual([]);
  });

  it("lets a running bus pick up a replay request from the CLI", async () => {
    const dir = await fixture.dir();
    const target = flakyTarget();
    const bus = await fixture.bus({
      dir,
      rules: [rule("ingest", { maximumRetryAttempts: 0 })],
      invoke: target.invoke,
      replayRequestPollMs: 20,
    });
    await bus.publish([outgoing(), outgoing()]);
    await waitFor(() => bus.deadLetters().length === 2, "two dead letters");
    target.state.failing = false;

    await requestReplay(dir);

    await waitFor(() => target.state.succeeded.length === 2, "both replayed deliveries");
    expect(bus.deadLetters()).toEqual([]);
    await waitFor(async () => (await listDeadLetters(dir)).length === 0, "the journal to agree");
  });
});
