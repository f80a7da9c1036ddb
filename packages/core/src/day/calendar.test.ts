import { describe, expect, it } from "vitest";
import {
  addDays,
  daysBetween,
  eachDay,
  isoWeek,
  isoWeekday,
  monthOf,
  quarterOf,
  startOfIsoWeek,
  startOfMonth,
  startOfQuarter,
} from "./calendar";
import { DayId, IsoWeekId, MonthId, QuarterId } from "./day.schema";

describe("calendar days", () => {
  it("adds days across months, years and leap days", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2100-02-28", 1)).toBe("2100-03-01"); // not a leap year
    expect(addDays("2000-02-28", 1)).toBe("2000-02-29"); // a leap year
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30"); // a DST day is no shorter here
    expect(addDays("2026-11-30", 0)).toBe("2026-11-30");
  });

  it("counts the days between two days, negative when backwards", () => {
    expect(daysBetween("2026-02-28", "2026-03-01")).toBe(1);
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysBetween("2028-01-01", "2029-01-01")).toBe(366);
    expect(daysBetween("2026-01-01", "2027-01-01")).toBe(365);
    expect(daysBetween("2026-10-26", "2026-10-24")).toBe(-2);
  });

  it("lists every day of a range, both ends included, none when reversed", () => {
    expect(eachDay("2028-02-27", "2028-03-01")).toEqual([
      "2028-02-27",
      "2028-02-28",
      "2028-02-29",
      "2028-03-01",
    ]);
    expect(eachDay("2026-12-31", "2026-12-31")).toEqual(["2026-12-31"]);
    expect(eachDay("2027-01-02", "2027-01-01")).toEqual([]);
  });
});

describe("ISO weeks", () => {
  it("numbers weekdays from Monday (1) to Sunday (7)", () => {
    expect(isoWeekday("2026-11-30")).toBe(1);
    expect(isoWeekday("2026-12-04")).toBe(5);
    expect(isoWeekday("2026-12-06")).toBe(7);
    expect(isoWeekday("1969-12-28")).toBe(7); // before 1970 too
  });

  it("starts a week on Monday, across a year boundary", () => {
    expect(startOfIsoWeek("2026-12-04")).toBe("2026-11-30");
    expect(startOfIsoWeek("2026-11-30")).toBe("2026-11-30");
    expect(startOfIsoWeek("2026-12-06")).toBe("2026-11-30"); // a Sunday ends its week
    expect(startOfIsoWeek("2027-01-01")).toBe("2026-12-28");
  });

  it("gives a week to the year of its Thursday", () => {
    expect(isoWeek("2026-12-04")).toBe("2026-W49");
    expect(isoWeek("2026-12-31")).toBe("2026-W53"); // a Thursday: 2026 has 53 weeks
    expect(isoWeek("2027-01-01")).toBe("2026-W53"); // a Friday: still 2026's last week
    expect(isoWeek("2027-01-03")).toBe("2026-W53");
    expect(isoWeek("2027-01-04")).toBe("2027-W01");
    expect(isoWeek("2024-12-30")).toBe("2025-W01"); // a Monday: already next year's first week
    expect(isoWeek("2021-01-03")).toBe("2020-W53");
    expect(isoWeek("2028-02-29")).toBe("2028-W09");
    expect(IsoWeekId.safeParse(isoWeek("2026-12-31")).success).toBe(true);
  });
});

describe("months and quarters", () => {
  it("names the month and its first day", () => {
    expect(monthOf("2028-02-29")).toBe("2028-02");
    expect(startOfMonth("2028-02-29")).toBe("2028-02-01");
    expect(MonthId.safeParse(monthOf("2026-12-31")).success).toBe(true);
  });

  it("names the quarter and its first day", () => {
    expect(quarterOf("2026-12-31")).toBe("2026-Q4");
    expect(quarterOf("2027-01-01")).toBe("2027-Q1");
    expect(quarterOf("2026-06-30")).toBe("2026-Q2");
    expect(quarterOf("2026-07-01")).toBe("2026-Q3");
    expect(startOfQuarter("2026-08-15")).toBe("2026-07-01");
    expect(startOfQuarter("2026-12-31")).toBe("2026-10-01");
    expect(QuarterId.safeParse(quarterOf("2026-12-31")).success).toBe(true);
  });
});

describe("the day schema", () => {
  it("accepts real YYYY-MM-DD dates only", () => {
    expect(DayId.safeParse("2028-02-29").success).toBe(true);
    expect(DayId.safeParse("2026-02-29").success).toBe(false);
    expect(DayId.safeParse("2026-13-01").success).toBe(false);
    expect(DayId.safeParse("2026-1-01").success).toBe(false);
    expect(DayId.safeParse("2026-12-04T00:00:00Z").success).toBe(false);
  });
});
