import { describe, expect, it } from "vitest";
import { mondayOf, sundayOf, weeksEndingWith } from "./iso-weeks";

describe("ISO weeks in the browser", () => {
  it("finds a week's Monday and Sunday, across years with 52 and 53 weeks", () => {
    expect(mondayOf("2026-W48")).toBe("2026-11-23");
    expect(sundayOf("2026-W48")).toBe("2026-11-29");
    expect(mondayOf("2026-W01")).toBe("2025-12-29");
    expect(mondayOf("2026-W53")).toBe("2026-12-28");
  });

  it("lists the weeks before one, newest first, over a new year", () => {
    expect(weeksEndingWith("2027-W02", 4)).toEqual([
      "2027-W02",
      "2027-W01",
      "2026-W53",
      "2026-W52",
    ]);
  });
});
