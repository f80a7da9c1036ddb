import { addDays, type DayId, IsoWeekId, isoWeek, localDay, startOfIsoWeek } from "../day";
import type { WeekSpan } from "../mail";

/** The Monday of an ISO week ("2026-W49" → 2026-11-30): week 1 holds 4 January. */
export function mondayOf(week: IsoWeekId): DayId {
  const [year, number] = IsoWeekId.parse(week).split("-W").map(Number) as [number, number];
  return addDays(startOfIsoWeek(`${year}-01-04`), (number - 1) * 7);
}

export function spanOf(week: IsoWeekId): WeekSpan {
  const from = mondayOf(week);
  return { week, from, to: addDays(from, 6) };
}

export const weekBefore = (week: IsoWeekId, weeks = 1): IsoWeekId =>
  isoWeek(addDays(mondayOf(week), -7 * weeks));

/** The last ISO week that has ended on the organisation's clock: what a weekly e-mail reports. */
export const lastFinishedWeek = (timeZone: string, now: Date): IsoWeekId =>
  weekBefore(isoWeek(localDay(timeZone, now)));

/** The week's number, for subjects ("vecka 48"). */
export const weekNumber = (week: IsoWeekId) => Number(week.slice(6));
