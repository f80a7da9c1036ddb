import { describe, expect, it, vi } from "vitest";
import { retryOnConflict, TRY_AGAIN } from "./retry-on-conflict";

const busy = () => new Error("busy");

describe("retrying a write that lost a race", () => {
  it("returns the first answer that is not TRY_AGAIN, reading again in between", async () => {
    const seen: number[] = [];
    const answer = await retryOnConflict(
      (attempt) => {
        seen.push(attempt);
        return attempt < 3 ? TRY_AGAIN : `won on ${attempt}`;
      },
      { attempts: 5, pauseMs: 1, conflict: busy },
    );
    expect(answer).toBe("won on 3");
    expect(seen).toEqual([1, 2, 3]);
  });

  it("throws the conflict error after the last attempt lost", async () => {
    const attempt = vi.fn(async () => TRY_AGAIN);
    await expect(
      retryOnConflict(attempt, { attempts: 3, pauseMs: 0, conflict: busy }),
    ).rejects.toThrow("busy");
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it("gives the exhausted answer instead, where the caller has one", async () => {
    const answer = await retryOnConflict<boolean>(() => TRY_AGAIN, {
      attempts: 2,
      pauseMs: 0,
      exhausted: () => false,
    });
    expect(answer).toBe(false);
  });

  it("stops at once when an attempt throws: an error is an answer, not a lost race", async () => {
    const attempt = vi.fn(async () => {
      throw new Error("not found");
    });
    await expect(retryOnConflict(attempt, { attempts: 3, conflict: busy })).rejects.toThrow(
      "not found",
    );
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it("waits a random share of pauseMs × attempt between attempts, none after the last", async () => {
    vi.useFakeTimers();
    const random = vi.spyOn(Math, "random").mockReturnValue(0.5);
    const timeout = vi.spyOn(globalThis, "setTimeout");
    try {
      const done = retryOnConflict(() => TRY_AGAIN, { attempts: 3, pauseMs: 20, conflict: busy });
      const settled = expect(done).rejects.toThrow("busy");
      await vi.runAllTimersAsync();
      await settled;
      expect(timeout.mock.calls.map(([, ms]) => ms)).toEqual([10, 20]);
    } finally {
      random.mockRestore();
      timeout.mockRestore();
      vi.useRealTimers();
    }
  });
});
