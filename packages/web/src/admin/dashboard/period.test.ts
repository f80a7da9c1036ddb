import { describe, expect, it } from "vitest";
import {
  changeFrom,
  daysIn,
  granularityFor,
  localToday,
  presetRange,
  previousRange,
  rangeProblem,
} from "./period";

describe("the dashboard's periods", () => {
  it("end presets today, a quarter at its first day", () => {
    expect(presetRange("7", "2026-12-05")).toEqual({ from: "2026-11-29", to: "2026-12-05" });
    expect(presetRange("30", "2026-03-01")).toEqual({ from: "2026-01-31", to: "2026-03-01" });
    expect(presetRange("quarter", "2026-12-05")).toEqual({ from: "2026-10-01", to: "2026-12-05" });
    expect(presetRange("quarter", "2026-01-01")).toEqual({ from: "2026-01-01", to: "2026-01-01" });
  });

  it("compare with the period before of the same length, across DST and leap days", () => {
    expect(previousRange({ from: "2026-11-29", to: "2026-12-05" })).toEqual({
      from: "2026-11-22",
      to: "2026-11-28",
    });
    const march = { from: "2028-03-01", to: "2028-03-31" };
    expect(daysIn(march)).toBe(31);
    expect(previousRange(march)).toEqual({ from: "2028-01-30", to: "2028-02-29" });
  });

  it("pick days, weeks or months by length", () => {
    expect(granularityFor({ from: "2026-11-05", to: "2026-12-05" })).toBe("day");
    expect(granularityFor({ from: "2026-09-01", to: "2026-12-05" })).toBe("week");
    expect(granularityFor({ from: "2025-12-06", to: "2026-12-05" })).toBe("month");
  });

  it("say why chosen days cannot be shown", () => {
    const today = "2026-12-05";
    expect(rangeProblem({ from: "2026-12-01", to: "2026-12-05" }, today)).toBeUndefined();
    expect(rangeProblem({ from: "2026-12-01" }, today)).toBe("incomplete");
    expect(rangeProblem({ from: "2026-12-05", to: "2026-12-01" }, today)).toBe("order");
    expect(rangeProblem({ from: "2026-12-01", to: "2026-12-06" }, today)).toBe("future");
    expect(rangeProblem({ from: "2024-01-01", to: "2026-12-05" }, today)).toBe("tooLong");
  });

  it("give the change as a fraction, or nothing to compare", () => {
    expect(changeFrom(10, 15)).toBe(0.5);
    expect(changeFrom(-10, -5)).toBe(0.5);
    expect(changeFrom(0, 5)).toBeNull();
    expect(changeFrom(null, 5)).toBeNull();
    expect(localToday(new Date(2026, 11, 5, 23, 30))).toBe("2026-12-05");
  });
});
