import { describe, expect, it } from "vitest";
import { addDays } from "./calendar";
import { streakOf } from "./streak";

/** Weeks newest first from the Monday 2026-11-23, each with its confirmed shares. */
const weeks = (...shares: number[]) =>
  shares.map((sharesConfirmed, i) => ({
    monday: addDays("2026-11-23", -7 * i),
    sharesConfirmed,
  }));

describe("a sharing streak", () => {
  it("counts consecutive weeks with a share, and this week cannot break it yet", () => {
    expect(streakOf(weeks(1, 2, 1, 0, 1), null)).toEqual({ weeks: 3, paused: false });
    expect(streakOf(weeks(0, 2, 1, 0, 1), null)).toEqual({ weeks: 2, paused: false });
    expect(streakOf(weeks(0, 0, 1, 1), null)).toEqual({ weeks: 0, paused: false });
  });

  it("pauses over a holiday week: it neither breaks nor adds", () => {
    // The third week (Monday 2026-11-09) is the holiday, from a Saturday.
    const holiday = { from: "2026-11-14", to: "2026-11-14" };
    expect(streakOf(weeks(0, 1, 0, 1, 1, 0, 1), holiday)).toEqual({ weeks: 3, paused: false });
    expect(streakOf(weeks(0, 1, 5, 1), holiday)).toEqual({ weeks: 2, paused: false });
    expect(streakOf(weeks(0, 1, 0, 1), null).weeks).toBe(1);
  });

  it("says it is paused while this week is inside the holiday", () => {
    const holiday = { from: "2026-11-20", to: "2026-12-24" };
    expect(streakOf(weeks(0, 0, 1, 1), holiday)).toEqual({ weeks: 2, paused: true });
  });
});
