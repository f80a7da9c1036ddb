import type { DayId, IsoWeekId, MonthId, QuarterId } from "./day.schema";

/**
 * Calendar arithmetic on days. A day is read as its midnight in UTC, where every day has
 * exactly 24 hours, so adding days never meets a daylight saving change: once the local day
 * is known, no time zone is involved.
 */

/** A day as a duration: 24 hours. For calendar days use `addDays`; local days can be 23 or 25 hours. */
export const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01. */
const dayNumber = (day: DayId): number => Date.parse(`${day}T00:00:00Z`) / MS_PER_DAY;
const fromDayNumber = (n: number): DayId => new Date(n * MS_PER_DAY).toISOString().slice(0, 10);

export function addDays(day: DayId, days: number): DayId {
  return fromDayNumber(dayNumber(day) + days);
}

/** How many days `to` is after `from` (negative when before): 2026-03-01 − 2026-02-28 is 1. */
export function daysBetween(from: DayId, to: DayId): number {
  return dayNumber(to) - dayNumber(from);
}

/** Every day from `from` to `to`, both included; none when `from` is after `to`. */
export function eachDay(from: DayId, to: DayId): DayId[] {
  const days: DayId[] = [];
  for (let n = dayNumber(from), end = dayNumber(to); n <= end; n++) days.push(fromDayNumber(n));
  return days;
}

/** 1 for Monday to 7 for Sunday, as ISO 8601 numbers them. */
export function isoWeekday(day: DayId): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(day) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday of the day's ISO week. */
export function startOfIsoWeek(day: DayId): DayId {
  return addDays(day, 1 - isoWeekday(day));
}

/**
 * The day's ISO week, "2026-W49". A week belongs to the year its Thursday falls in, so
 * 2027-01-01 (a Friday) is in 2026-W53 and 2024-12-30 (a Monday) in 2025-W01.
 */
export function isoWeek(day: DayId): IsoWeekId {
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The day's calendar month, "2026-12". */
export function monthOf(day: DayId): MonthId {
  return day.slice(0, 7);
}

/** The first day of the day's calendar month. */
export function startOfMonth(day: DayId): DayId {
  return `${monthOf(day)}-01`;
}

/** The day's calendar quarter, "2026-Q4". */
export function quarterOf(day: DayId): QuarterId {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/** The first day of the day's calendar quarter. */
export function startOfQuarter(day: DayId): DayId {
  const firstMonth = (Math.ceil(Number(day.slice(5, 7)) / 3) - 1) * 3 + 1;
  return `${day.slice(0, 4)}-${String(firstMonth).padStart(2, "0")}-01`;
}

/** The earliest of local days (ISO dates sort as text). */
export const earliestDay = (...days: [DayId, ...DayId[]]): DayId => [...days].sort()[0] as DayId;

/** The latest of local days. */
export const latestDay = (...days: [DayId, ...DayId[]]): DayId => [...days].sort().at(-1) as DayId;
