import { addDays, startOfMonth } from "../day";
import type { Settings } from "./settings.schema";

const daysInMonth = (day: string) => {
  const first = startOfMonth(day);
  const [year, month] = first.split("-").map(Number) as [number, number];
  const next =
    month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
  return Number(addDays(next, -1).slice(8, 10));
};

/**
 * A day's share of the monthly fixed cost, in integer minor units: day d of an n-day month
 * gets ⌊cost·d/n⌋ − ⌊cost·(d−1)/n⌋, so the days of a month sum to the monthly cost exactly.
 */
export function dailyFixedCost(monthlyMinor: number, day: string): number {
  const n = daysInMonth(day);
  const d = Number(day.slice(8, 10));
  return Math.floor((monthlyMinor * d) / n) - Math.floor((monthlyMinor * (d - 1)) / n);
}

export interface ChannelDay {
  uniqueClicks: number;
  potentialReach: number;
  sharesConfirmed: number;
}

/** A day's value and variable cost, in integer minor units. */
export interface DayValue {
  /** Unique human clicks × the channel's CPC, per channel. */
  emvByChannel: Record<string, number>;
  emv: number;
  /** Potential reach / 1000 × CPM, rounded once per day; 0 while the term is off. */
  impressionValue: number;
  fixedCost: number;
  /** Confirmed shares × minutes per share × hourly cost / 60, rounded once per day. */
  timeCost: number;
  cost: number;
}

/** The value of one local day under the settings in force on it (design: "Metrics"). */
export function dayValue(input: {
  byChannel: Record<string, ChannelDay>;
  settings: Settings;
  day: string;
}): DayValue {
  const { byChannel, settings, day } = input;
  const emvByChannel: Record<string, number> = {};
  let reach = 0;
  let shares = 0;
  for (const [channel, counts] of Object.entries(byChannel)) {
    const cpc = settings.cpc[channel as keyof Settings["cpc"]] ?? 0;
    emvByChannel[channel] = counts.uniqueClicks * cpc;
    reach += counts.potentialReach;
    shares += counts.sharesConfirmed;
  }
  const emv = Object.values(emvByChannel).reduce((sum, amount) => sum + amount, 0);
  const impressionValue = settings.cpm.enabled
    ? Math.round((reach * settings.cpm.perMille) / 1000)
    : 0;
  const fixedCost = dailyFixedCost(settings.fixedMonthlyCost, day);
  const timeCost = Math.round((shares * settings.minutesPerShare * settings.hourlyCost) / 60);
  return { emvByChannel, emv, impressionValue, fixedCost, timeCost, cost: fixedCost + timeCost };
}

/**
 * ROI shown two ways, never mixed: the value ratio (advertising-equivalent value, with the
 * impressions term when it is on, over cost) and cash ROI (attributed conversion value minus
 * cost, over cost). Both undefined — shown "—" — when the cost is 0.
 */
export function ratios(input: {
  emv: number;
  impressionValue: number;
  cost: number;
  conversionValue: number;
}): { valueRatio: number | null; cashRoi: number | null } {
  if (input.cost === 0) return { valueRatio: null, cashRoi: null };
  return {
    valueRatio: (input.emv + input.impressionValue) / input.cost,
    cashRoi: (input.conversionValue - input.cost) / input.cost,
  };
}

/** Members with a confirmed share over members opted in at the period's end. */
export function participation(input: { sharers: number; optedIn: number }): number | null {
  return input.optedIn === 0 ? null : input.sharers / input.optedIn;
}
