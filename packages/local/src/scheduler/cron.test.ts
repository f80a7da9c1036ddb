import { describe, expect, it } from "vitest";
import { nextRun, parseCron } from "./cron";

describe("EventBridge cron subset", () => {
  it("fires every quarter hour for cron(0/15 * * * ? *)", () => {
    const schedule = parseCron("cron(0/15 * * * ? *)");
    expect([...schedule.minutes]).toEqual([0, 15, 30, 45]);
    expect(nextRun(schedule, new Date("2026-11-28T22:07:31Z")).toISOString()).toBe(
      "2026-11-28T22:15:00.000Z",
    );
    expect(nextRun(schedule, new Date("2026-11-28T22:15:00Z")).toISOString()).toBe(
      "2026-11-28T22:30:00.000Z",
    );
    expect(nextRun(schedule, new Date("2026-11-28T23:59:00Z")).toISOString()).toBe(
      "2026-11-29T00:00:00.000Z",
    );
  });

  it("understands lists, ranges and fixed hours", () => {
    const schedule = parseCron("cron(5,35 2-3 * * ? *)");
    expect(nextRun(schedule, new Date("2026-11-28T03:40:00Z")).toISOString()).toBe(
      "2026-11-29T02:05:00.000Z",
    );
  });

  it.each([
    "rate(15 minutes)",
    "cron(0/15 * * *)",
    "cron(0 10 ? * MON *)",
    "cron(61 * * * ? *)",
    "cron(0/0 * * * ? *)",
  ])("refuses %s rather than misreading it", (expression) => {
    expect(() => parseCron(expression)).toThrow();
  });
});
