import { describe, expect, it } from "vitest";
import { niceTicks } from "./trend-chart";

describe("the trend chart's scale", () => {
  it("steps in round numbers from zero to at least the largest value", () => {
    expect(niceTicks(1)).toEqual([0, 1]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(130)).toEqual([0, 50, 100, 150]);
    expect(niceTicks(1_000)).toEqual([0, 500, 1_000]);
  });
});
