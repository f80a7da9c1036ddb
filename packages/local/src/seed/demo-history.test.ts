import { addDays } from "@sprida/core/day";
import { describe, expect, it } from "vitest";
import { DEMO_SHARES, demoTotalsByDay, type PlannedShare, read } from "./demo-activity";
import { READERS } from "./demo-clients";
import { DEMO_CONTENT } from "./demo-content";
import { HISTORY_DAYS, historyPlan } from "./demo-history";
import { personOf } from "./demo-people";

const key = (share: PlannedShare) => `${share.sharer}|${share.content}|${share.channel}`;

describe("the demo's history plan", () => {
  const today = "2026-12-04";
  const plan = historyPlan(today);

  it("is the same every time for the same today", () => {
    expect(historyPlan(today)).toEqual(plan);
  });

  it("ends yesterday: nothing is shared or clicked today or later", () => {
    for (const share of plan) {
      expect(share.daysAgo).toBeGreaterThanOrEqual(1);
      expect(share.daysAgo).toBeLessThanOrEqual(HISTORY_DAYS);
      for (const click of share.clicks) {
        expect((share.daysAgo ?? 0) - (click.after ?? 0)).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it("takes each link once, never one of today's", () => {
    const keys = [...plan, ...DEMO_SHARES].map(key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("has members share only after joining, items only once published, on their own channels", () => {
    for (const share of plan) {
      const joined = personOf(share.sharer).joined;
      expect(joined?.daysAgo).toBeGreaterThanOrEqual(share.daysAgo ?? 0);
      expect(Object.keys(joined?.channels ?? {})).toContain(share.channel);
      expect(DEMO_CONTENT[share.content].publishedDaysAgo).toBeGreaterThanOrEqual(
        share.daysAgo ?? 0,
      );
    }
  });

  it("follows the calendar of the today it is given (weekends move with it)", () => {
    const sharesOn = (shares: PlannedShare[], day: string, from: string) =>
      shares.filter((share) => addDays(from, -(share.daysAgo ?? 0)) === day).length;
    const other = historyPlan("2026-12-05");
    // The same plan, one day later in the calendar: a Saturday in one is a Friday in the other.
    expect(other.map((share) => share.daysAgo)).not.toEqual(plan.map((share) => share.daysAgo));
    expect(sharesOn(plan, "2026-11-28", today)).toBeLessThanOrEqual(1);
  });
});

describe("the plan's expected totals", () => {
  const { anna, bo } = READERS;

  it("counts a reader once per link and day, again on another day, and confirms on the first read", () => {
    const share: PlannedShare = {
      sharer: "maja",
      content: "launch",
      channel: "linkedin",
      daysAgo: 5,
      clicks: [read(anna, 1), read(anna, 1), read(bo, 1), read(anna, 2)],
    };
    const byDay = demoTotalsByDay([share]);
    expect(byDay.get(5)).toMatchObject({ sharesIntended: 1, sharesConfirmed: 0, rawClicks: 0 });
    expect(byDay.get(4)).toMatchObject({ humanClicks: 3, uniqueClicks: 2, sharesConfirmed: 1 });
    expect(byDay.get(3)).toMatchObject({ humanClicks: 1, uniqueClicks: 1, sharesConfirmed: 0 });
  });

  it("confirms a share its member confirmed on the day they took the link", () => {
    const byDay = demoTotalsByDay([
      {
        sharer: "maja",
        content: "launch",
        channel: "linkedin",
        daysAgo: 5,
        confirmed: {},
        clicks: [read(anna, 2)],
      },
    ]);
    expect(byDay.get(5)?.sharesConfirmed).toBe(1);
    expect(byDay.get(3)?.sharesConfirmed).toBe(0);
  });
});
