/**
 * The periods a member's totals are kept for: the ISO week of a local day (for weekly
 * leaderboards and streaks) and all time (for badges and the all-time board). Months are
 * summed from the member's daily rows when asked: one fewer write per member and batch.
 * Plain calendar arithmetic: the day is already the organisation's local day.
 */
export type Period = `week:${string}` | "all";

export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / (7 * 86_400_000)) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

export const weekPeriod = (day: string): Period => `week:${isoWeek(day)}`;

/** The periods a day's counts are kept in, shortest first. */
export const periodsOf = (day: string): Period[] => [weekPeriod(day), "all"];

/** The Monday of a day's ISO week, as YYYY-MM-DD. */
export function weekStart(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - weekday * 86_400_000).toISOString().slice(0, 10);
}
