import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "./defaults";
import { dailyFixedCost, dayValue, participation, ratios } from "./formulas";
import type { Settings } from "./settings.schema";

const settings: Settings = {
  ...DEFAULT_SETTINGS,
  cpc: { ...DEFAULT_SETTINGS.cpc, linkedin: 550, x: 35 },
  fixedMonthlyCost: 1_000_00,
  minutesPerShare: 4,
  hourlyCost: 45_00,
};

describe("the value formulas", () => {
  it("spread a month's fixed cost over its days to the cent, summing to the month exactly", () => {
    // 100 000 cents over 30 days: 3333 or 3334 a day.
    const june = Array.from({ length: 30 }, (_, i) => `2026-06-${String(i + 1).padStart(2, "0")}`);
    const shares = june.map((day) => dailyFixedCost(1_000_00, day));
    expect(shares.reduce((a, b) => a + b, 0)).toBe(1_000_00);
    expect(new Set(shares)).toEqual(new Set([3333, 3334]));
    // A leap February has 29 days; 29 000 cents is 1 000 a day.
    expect(dailyFixedCost(29_000, "2028-02-29")).toBe(1_000);
    expect(dailyFixedCost(29_000, "2028-02-01")).toBe(1_000);
    // 31 days of January: 1 cent, on the last day only.
    expect(dailyFixedCost(1, "2026-01-30")).toBe(0);
    expect(dailyFixedCost(1, "2026-01-31")).toBe(1);
    expect(dailyFixedCost(0, "2026-01-31")).toBe(0);
  });

  it("value a day per channel from unique human clicks, with employee time, by hand", () => {
    const value = dayValue({
      byChannel: {
        linkedin: { uniqueClicks: 7, potentialReach: 1_200, sharesConfirmed: 2 },
        x: { uniqueClicks: 3, potentialReach: 300, sharesConfirmed: 1 },
      },
      settings,
      day: "2026-06-15",
    });
    // EMV: 7 × 5.50 + 3 × 0.35 = 38.50 + 1.05; time: 3 shares × 4 min × 45.00/h = 9.00.
    expect(value).toEqual({
      emvByChannel: { linkedin: 3_850, x: 105 },
      emv: 3_955,
      impressionValue: 0,
      fixedCost: 3_334,
      timeCost: 900,
      cost: 4_234,
    });
  });

  it("add the impressions term only when it is turned on, rounded once a day", () => {
    const on = { ...settings, cpm: { enabled: true, perMille: 650 } };
    const value = dayValue({
      byChannel: { linkedin: { uniqueClicks: 0, potentialReach: 1_501, sharesConfirmed: 0 } },
      settings: on,
      day: "2026-06-15",
    });
    // 1 501 / 1000 × 6.50 = 9.7565 → 976 cents.
    expect(value.impressionValue).toBe(976);
    expect(value.emv).toBe(0);
  });

  it("show the value ratio and cash ROI apart, and neither when the cost is 0", () => {
    expect(ratios({ emv: 3_000, impressionValue: 0, cost: 1_000, conversionValue: 2_500 })).toEqual(
      { valueRatio: 3, cashRoi: 1.5 },
    );
    expect(ratios({ emv: 3_000, impressionValue: 1_000, cost: 2_000, conversionValue: 0 })).toEqual(
      { valueRatio: 2, cashRoi: -1 },
    );
    expect(ratios({ emv: 3_000, impressionValue: 0, cost: 0, conversionValue: 500 })).toEqual({
      valueRatio: null,
      cashRoi: null,
    });
    expect(participation({ sharers: 3, optedIn: 12 })).toBe(0.25);
    expect(participation({ sharers: 0, optedIn: 0 })).toBeNull();
  });
});
