import { describe, expect, it } from "vitest";
import { isoWeek, periodsOf, weekStart } from "./periods";

describe("points periods", () => {
  it("numbers weeks the ISO way, across year ends", () => {
    expect(isoWeek("2026-11-29")).toBe("2026-W48"); // a Sunday ends its week
    expect(isoWeek("2026-11-30")).toBe("2026-W49");
    expect(isoWeek("2021-01-03")).toBe("2020-W53");
    expect(isoWeek("2024-12-30")).toBe("2025-W01");
  });

  it("keeps a day's counts in its week and in all time", () => {
    expect(periodsOf("2026-11-29")).toEqual(["week:2026-W48", "all"]);
    expect(weekStart("2026-11-29")).toBe("2026-11-23");
  });
});
