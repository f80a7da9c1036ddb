import type { Range } from "../admin-queries";

/** The dashboard's ranges: the last 7, 30 or 90 days, this quarter, or chosen days. */
export const PRESETS = ["7", "30", "90", "quarter", "custom"] as const;
export type Preset = (typeof PRESETS)[number];
export type Granularity = "day" | "week" | "month";

const DAY_MS = 86_400_000;

/** A local day (YYYY-MM-DD) as a date at noon UTC, so no time zone or DST moves it. */
const dateOf = (day: string) => new Date(`${day}T12:00:00Z`);
const dayOf = (date: Date) => date.toISOString().slice(0, 10);
export const addDays = (day: string, days: number) =>
  dayOf(new Date(dateOf(day).getTime() + days * DAY_MS));
export const daysIn = ({ from, to }: Range) =>
  Math.round((dateOf(to).getTime() - dateOf(from).getTime()) / DAY_MS) + 1;

/** Today in the browser's calendar (the API clamps a range to the organisation's own today). */
export function localToday(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The range of a preset that ends today ("custom" keeps what the person chose). */
export function presetRange(preset: Exclude<Preset, "custom">, today: string): Range {
  if (preset === "quarter") {
    const [year, month] = today.split("-").map(Number) as [number, number];
    const first = Math.floor((month - 1) / 3) * 3 + 1;
    return { from: `${year}-${String(first).padStart(2, "0")}-01`, to: today };
  }
  return { from: addDays(today, -(Number(preset) - 1)), to: today };
}

/** The period before, of the same length, ending the day before the range starts. */
export function previousRange(range: Range): Range {
  const to = addDays(range.from, -1);
  return { from: addDays(to, -(daysIn(range) - 1)), to };
}

/** Days for a month, weeks up to half a year, months beyond. */
export function granularityFor(range: Range): Granularity {
  const days = daysIn(range);
  return days <= 31 ? "day" : days <= 183 ? "week" : "month";
}

/** At most two years and a day per request (the API's limit). */
export const MAX_DAYS = 732;

/** Why chosen days cannot be shown, or undefined when they can. */
export function rangeProblem(range: Partial<Range>, today: string): string | undefined {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!range.from || !range.to || !day.test(range.from) || !day.test(range.to)) return "incomplete";
  if (range.from > range.to) return "order";
  if (range.to > today) return "future";
  if (daysIn(range as Range) > MAX_DAYS) return "tooLong";
  return undefined;
}

/** The change from the previous period, as a fraction; null when there is nothing to compare. */
export function changeFrom(previous: number | null, current: number | null): number | null {
  if (previous === null || current === null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}
