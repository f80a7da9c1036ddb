import { describe, expect, it } from "vitest";
import { piecesOf } from "./range";

describe("a range of local days", () => {
  it("is read as the longest stored periods that fit it exactly, and days", () => {
    expect(piecesOf("2026-04-01", "2026-09-30", "2026-12-01")).toEqual([
      { kind: "quarter", period: "2026-Q2" },
      { kind: "quarter", period: "2026-Q3" },
    ]);
    expect(piecesOf("2026-05-30", "2026-07-05", "2026-12-01")).toEqual([
      { kind: "day", period: "2026-05-30" },
      { kind: "day", period: "2026-05-31" },
      { kind: "month", period: "2026-06" },
      { kind: "day", period: "2026-07-01" },
      { kind: "day", period: "2026-07-02" },
      { kind: "day", period: "2026-07-03" },
      { kind: "day", period: "2026-07-04" },
      { kind: "day", period: "2026-07-05" },
    ]);
    // 2026-06-08 is a Monday: a whole ISO week fits before the range ends.
    expect(piecesOf("2026-06-08", "2026-06-15", "2026-12-01")).toEqual([
      { kind: "week", period: "2026-W24" },
      { kind: "day", period: "2026-06-15" },
    ]);
  });

  it("takes a period that reaches past the range's end when that end is the last day rolled up", () => {
    expect(piecesOf("2026-10-01", "2026-11-20", "2026-11-20")).toEqual([
      { kind: "quarter", period: "2026-Q4" },
    ]);
    expect(piecesOf("2026-10-01", "2026-11-20", "2026-11-25")).toEqual([
      { kind: "month", period: "2026-10" },
      { kind: "day", period: "2026-11-01" },
      { kind: "week", period: "2026-W45" },
      { kind: "week", period: "2026-W46" },
      { kind: "day", period: "2026-11-16" },
      { kind: "day", period: "2026-11-17" },
      { kind: "day", period: "2026-11-18" },
      { kind: "day", period: "2026-11-19" },
      { kind: "day", period: "2026-11-20" },
    ]);
  });
});
