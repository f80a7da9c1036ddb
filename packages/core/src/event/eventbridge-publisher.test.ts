import type { PutEventsCommand, PutEventsResultEntry } from "@aws-sdk/client-eventbridge";
import { describe, expect, it } from "vitest";
import { Probe } from "../probe";
import { createEventBridgePublisher, PublishFailedError } from "./eventbridge-publisher.lean";

/** A stand-in for the EventBridge client: answers each PutEvents with the outcomes given. */
function fakeClient(answer: (entries: number, call: number) => PutEventsResultEntry[]) {
  const calls: { DetailType?: string; Detail?: string }[][] = [];
  return {
    calls,
    client: {
      send: async (command: PutEventsCommand) => {
        const entries = command.input.Entries ?? [];
        calls.push(entries);
        const results = answer(entries.length, calls.length);
        return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
      },
    },
  };
}

const ok = (n: number) => Array.from({ length: n }, (_, i) => ({ EventId: `id-${i}` }));
const probes = (n: number) =>
  Array.from({ length: n }, () =>
    Probe.Events.Sent.create({ probeId: crypto.randomUUID() }, { orgId: "o" }),
  );

describe("EventBridge publisher", () => {
  it("sends at most 10 entries per PutEvents", async () => {
    const { client, calls } = fakeClient(ok);
    await createEventBridgePublisher({ client: client as never, busName: "bus" }).publish(
      probes(23),
    );
    expect(calls.map((entries) => entries.length)).toEqual([10, 10, 3]);
  });

  it("resends only the entries a partial failure names", async () => {
    const { client, calls } = fakeClient((n, call) =>
      call === 1
        ? ok(n).map((entry, i) => (i === 1 || i === 3 ? { ErrorCode: "InternalFailure" } : entry))
        : ok(n),
    );
    const events = probes(4);
    await createEventBridgePublisher({
      client: client as never,
      busName: "bus",
      baseDelayMs: 1,
    }).publish(events);
    expect(calls).toHaveLength(2);
    const resent = calls[1]?.map((entry) => JSON.parse(entry.Detail ?? "{}").metadata.eventId);
    expect(resent).toEqual([
      events[1]?.detail.metadata.eventId,
      events[3]?.detail.metadata.eventId,
    ]);
  });

  it("gives up after its attempts with an error naming the failures", async () => {
    const { client, calls } = fakeClient((n) =>
      Array.from({ length: n }, () => ({ ErrorCode: "ThrottlingException" })),
    );
    const publisher = createEventBridgePublisher({
      client: client as never,
      busName: "b",
      maxAttempts: 3,
      baseDelayMs: 1,
    });
    await expect(publisher.publish(probes(2))).rejects.toThrow(PublishFailedError);
    expect(calls).toHaveLength(3);
  });

  it("refuses an invalid event before sending anything", async () => {
    const { client, calls } = fakeClient(ok);
    const [event] = probes(1);
    const invalid = { ...event, detailType: "Not A Name" } as never;
    await expect(
      createEventBridgePublisher({ client: client as never, busName: "b" }).publish([invalid]),
    ).rejects.toThrow();
    expect(calls).toHaveLength(0);
  });

  it("keeps each request under 256 KiB", async () => {
    const { client, calls } = fakeClient(ok);
    const [template] = probes(1);
    const big = Array.from({ length: 5 }, () => ({
      ...template,
      detail: { ...template?.detail, properties: { blob: "x".repeat(100 * 1024) } },
    })) as never[];
    await createEventBridgePublisher({ client: client as never, busName: "b" }).publish(big);
    expect(calls.map((entries) => entries.length)).toEqual([2, 2, 1]);
  });
});
