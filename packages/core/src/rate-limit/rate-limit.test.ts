import { randomUUID } from "node:crypto";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../error";
import { Runtime } from "../runtime";
import { allows, consume, Failures, RateLimitedError } from "./index";

const clock = { now: new Date("2026-11-28T10:00:00.000Z") };
const WINDOW = 900;

async function refusal(promise: Promise<unknown>): Promise<RateLimitedError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof RateLimitedError))
    throw new Error(`Expected a refusal, got ${String(error)}`);
  return error;
}

describe("fixed-window rate limits", () => {
  beforeAll(() => provideTestRuntime({ now: () => clock.now }));

  it("allows `limit` uses in a window, then refuses with the seconds left until it ends", async () => {
    clock.now = new Date("2026-11-28T10:05:00.000Z"); // 300 s into a 900 s window
    const limit = { scope: "test", key: randomUUID(), limit: 3, windowSeconds: WINDOW };
    for (let i = 0; i < 3; i++) await consume(limit);
    const refused = await refusal(consume(limit));
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused.kind).toBe("rate_limited");
    expect(refused.retryAfterSeconds).toBe(600);
    expect(refused.message).toBe("Too many attempts. Try again in 10 minutes.");
  });

  it("starts counting afresh in the next window", async () => {
    clock.now = new Date("2026-11-28T11:14:59.000Z");
    const limit = { scope: "test", key: randomUUID(), limit: 2, windowSeconds: WINDOW };
    await consume(limit);
    await consume(limit);
    expect((await refusal(consume(limit))).retryAfterSeconds).toBe(1);
    clock.now = new Date("2026-11-28T11:15:00.000Z");
    await consume(limit);
    await consume(limit);
    await refusal(consume(limit));
  });

  it("keeps keys and scopes apart", async () => {
    clock.now = new Date("2026-11-28T12:00:00.000Z");
    const key = randomUUID();
    await consume({ scope: "a", key, limit: 1, windowSeconds: WINDOW });
    await refusal(consume({ scope: "a", key, limit: 1, windowSeconds: WINDOW }));
    await consume({ scope: "b", key, limit: 1, windowSeconds: WINDOW });
    await consume({ scope: "a", key: `${key}-other`, limit: 1, windowSeconds: WINDOW });
    // Keys are opaque hashes: two that differ only in case are different keys.
    const upper = `K${randomUUID()}`;
    await consume({ scope: "a", key: upper, limit: 1, windowSeconds: WINDOW });
    await consume({ scope: "a", key: upper.toLowerCase(), limit: 1, windowSeconds: WINDOW });
  });

  it("never lets concurrent uses past the limit", async () => {
    clock.now = new Date("2026-11-28T13:00:00.000Z");
    const limit = { scope: "test", key: randomUUID(), limit: 5, windowSeconds: WINDOW };
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => consume(limit)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toBeInstanceOf(RateLimitedError);
    }
  });

  it("stores a counter per window that expires when the window ends", async () => {
    clock.now = new Date("2026-11-28T14:03:20.000Z");
    const key = randomUUID();
    await consume({ scope: "stored", key, limit: 9, windowSeconds: WINDOW });
    await consume({ scope: "stored", key, limit: 9, windowSeconds: WINDOW });
    const runtime = Runtime.use();
    const items = await runtime.document.send(
      new QueryCommand({
        TableName: runtime.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": `$sprida#scope_stored#key_${key}` },
      }),
    );
    expect(items.Items).toHaveLength(1);
    const windowStart = Date.parse("2026-11-28T14:00:00.000Z") / 1000;
    expect(items.Items?.[0]).toMatchObject({
      count: 2,
      windowStart,
      expiresAt: windowStart + WINDOW,
    });
  });

  it("says which use took the window's last place", async () => {
    clock.now = new Date("2026-11-28T15:00:00.000Z");
    const limit = { scope: "test", key: randomUUID(), limit: 2, windowSeconds: WINDOW };
    const first = await consume(limit);
    const second = await consume(limit);
    expect([first.count, first.reachedLimit]).toEqual([1, false]);
    expect([second.count, second.reachedLimit]).toEqual([2, true]);
  });

  it("takes a use back when it is given back, so an attempt that did not count leaves room", async () => {
    clock.now = new Date("2026-11-28T15:10:00.000Z");
    const limit = { scope: "test", key: randomUUID(), limit: 2, windowSeconds: WINDOW };
    await consume(limit);
    const given = await consume(limit);
    await given.giveBack();
    await consume(limit);
    await refusal(consume(limit));
  });

  it("answers whether a limit allows one more, counting it only when it does", async () => {
    clock.now = new Date("2026-11-28T15:20:00.000Z");
    const limit = { scope: "test", key: randomUUID(), limit: 2, windowSeconds: WINDOW };
    expect(await allows(limit)).toBe(true);
    expect(await allows(limit)).toBe(true);
    expect(await allows(limit)).toBe(false);
    expect(await allows(limit)).toBe(false);
    await refusal(consume(limit));
  });

  it("counts failures only: takes every limit before the attempt, gives all back when it did not fail", async () => {
    clock.now = new Date("2026-11-28T15:30:00.000Z");
    const narrow = { scope: "narrow", key: randomUUID(), limit: 1, windowSeconds: WINDOW };
    const wide = { scope: "wide", key: randomUUID(), limit: 5, windowSeconds: WINDOW };
    const succeeded = await Failures.take([wide, narrow]);
    await succeeded.giveBack();
    const failed = await Failures.take([wide, narrow]);
    expect(failed.reached()).toEqual([narrow]);

    // The narrow limit is full: the attempt is refused and takes nothing from the wide one.
    await refusal(Failures.take([wide, narrow]));
    await refusal(Failures.take([wide, narrow]));
    const inWide = await consume(wide);
    expect(inWide.count).toBe(2);
  });

  it("refuses a malformed limit", async () => {
    await expect(
      consume({ scope: "", key: "k", limit: 0, windowSeconds: WINDOW }),
    ).rejects.toThrow();
  });
});
