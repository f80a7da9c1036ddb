import { isoWeek, startOfIsoWeek } from "../day";

/**
 * The periods a member's totals are kept for: the ISO week of a local day (for weekly
 * leaderboards and streaks) and all time (for badges and the all-time board). Months are
 * summed from the member's daily rows when asked: one fewer write per member and batch.
 * Plain calendar arithmetic: the day is already the organisation's local day.
 */
export type Period = `week:${string}` | "all";

export { isoWeek };

export const weekPeriod = (day: string): Period => `week:${isoWeek(day)}`;

/** The periods a day's counts are kept in, shortest first. */
export const periodsOf = (day: string): Period[] => [weekPeriod(day), "all"];

/** The Monday of a day's ISO week, as YYYY-MM-DD. */
export const weekStart = startOfIsoWeek;
