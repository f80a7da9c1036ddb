import type { Holiday } from "../member";
import { Tally, weekPeriod, weekStart } from "../tally";
import { addDays, type LocalToday } from "./calendar";
import type { Streak } from "./points.schema";

/** Two years of weeks: one BatchGet of the member's week rows, and a bound on the answer. */
export const STREAK_LOOKBACK_WEEKS = 104;

export interface StreakWeek {
  /** The week's Monday (local day). */
  monday: string;
  sharesConfirmed: number;
}

const overlaps = (monday: string, holiday: Holiday | null) =>
  holiday !== null && monday <= holiday.to && addDays(monday, 6) >= holiday.from;

/**
 * The streak over weeks given newest first, the current week first. A week with a confirmed
 * share adds one; a week that overlaps the holiday neither adds nor breaks (a pause, not a
 * reward for being away); the current week, still in progress, cannot break it yet; any
 * other week without a share ends it.
 */
export function streakOf(weeks: StreakWeek[], holiday: Holiday | null): Streak {
  let count = 0;
  for (const [index, week] of weeks.entries()) {
    if (overlaps(week.monday, holiday)) continue;
    if (week.sharesConfirmed > 0) count++;
    else if (index > 0) break;
  }
  const current = weeks[0];
  return { weeks: count, paused: current !== undefined && overlaps(current.monday, holiday) };
}

/** A member's streak now: their week totals, up to STREAK_LOOKBACK_WEEKS back. */
export async function streak(
  orgId: string,
  memberId: string,
  today: LocalToday,
  holiday: Holiday | null,
): Promise<Streak> {
  const thisMonday = weekStart(today.day);
  const mondays = Array.from({ length: STREAK_LOOKBACK_WEEKS }, (_, i) =>
    addDays(thisMonday, -7 * i),
  );
  const totals = await Tally.memberTotalsOf(orgId, memberId, mondays.map(weekPeriod));
  return streakOf(
    mondays.map((monday) => ({
      monday,
      sharesConfirmed: totals.get(weekPeriod(monday))?.sharesConfirmed ?? 0,
    })),
    holiday,
  );
}
