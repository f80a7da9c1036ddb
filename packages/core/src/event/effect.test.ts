import { randomUUID } from "node:crypto";
import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { EffectBusyError, onceForEvent } from "./effect";

describe("a subscriber's effect, once per event", () => {
  let now = new Date("2026-05-04T08:00:00.000Z");
  beforeAll(() => {
    provideTestRuntime({ now: () => new Date(now) });
  });
  const metadata = () => ({ eventId: randomUUID(), orgId: "org-effect" });
  const keepUntil = new Date("2026-06-01T00:00:00.000Z");

  it("runs once however often the event is delivered, even two deliveries at once", async () => {
    const event = metadata();
    let runs = 0;
    const run = async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const outcomes = await Promise.allSettled([
      onceForEvent("test", event, { keepUntil }, run),
      onceForEvent("test", event, { keepUntil }, run),
    ]);
    expect(runs).toBe(1);
    // The one that found the other running is retried by the bus; by then it is done.
    const busy = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(busy.map((outcome) => (outcome as PromiseRejectedResult).reason)).toEqual([
      expect.any(EffectBusyError),
    ]);
    expect(await onceForEvent("test", event, { keepUntil }, run)).toBe("already-done");
    expect(runs).toBe(1);
  });

  it("gives the claim back when the effect fails, so the retry runs it", async () => {
    const event = metadata();
    await expect(
      onceForEvent("test", event, { keepUntil }, async () => {
        throw new Error("the mail service failed");
      }),
    ).rejects.toThrow("the mail service failed");
    let runs = 0;
    expect(await onceForEvent("test", event, { keepUntil }, async () => void runs++)).toBe("done");
    expect(runs).toBe(1);
  });

  it("lets a later delivery take over a claim whose holder died, once its lease ran out", async () => {
    const event = metadata();
    // The holder claims, then its process dies inside the effect (the promise never settles).
    void onceForEvent("test", event, { keepUntil }, () => new Promise(() => {}));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(onceForEvent("test", event, { keepUntil }, async () => {})).rejects.toThrow(
      EffectBusyError,
    );
    now = new Date(now.getTime() + 61_000);
    let runs = 0;
    expect(await onceForEvent("test", event, { keepUntil }, async () => void runs++)).toBe("done");
    expect(runs).toBe(1);
  });

  it("keeps effects of different names apart for the same event", async () => {
    const event = metadata();
    expect(await onceForEvent("one", event, { keepUntil }, async () => {})).toBe("done");
    expect(await onceForEvent("two", event, { keepUntil }, async () => {})).toBe("done");
  });
});
