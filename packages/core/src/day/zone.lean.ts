import { addDays, isoWeekday, MS_PER_DAY } from "./calendar";
import type { DayId } from "./day.schema";

/**
 * Instants seen in an IANA time zone, through the platform's time zone database (Intl), so
 * daylight saving rules are the ones the runtime ships, never our own table.
 */

interface WallClock {
  day: DayId;
  hour: number;
  /** The wall clock read as if it were UTC, in ms: its difference to the instant is the offset. */
  asUtc: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building one costs far more than formatting with it. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClock(timeZone: string, instant: Date | number): WallClock {
  const parts: Record<string, string> = {};
  for (const { type, value } of formatterFor(timeZone).formatToParts(instant)) parts[type] = value;
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  const hour = Number(parts.hour);
  const asUtc =
    Date.parse(`${day}T00:00:00Z`) +
    ((hour * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000;
  return { day, hour, asUtc };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (whole seconds). */
function offsetAt(timeZone: string, instant: number): number {
  const second = Math.floor(instant / 1000) * 1000;
  return wallClock(timeZone, second).asUtc - second;
}

/**
 * The calendar day at an instant in an IANA time zone. Days in Sprida are the
 * organisation's local days, so a change at 00:30 in Stockholm counts on that Stockholm date.
 */
export function localDay(timeZone: string, instant: Date): DayId {
  return wallClock(timeZone, instant).day;
}

/** The hour (0–23) on the zone's wall clock at an instant. */
export function localHour(timeZone: string, instant: Date): number {
  return wallClock(timeZone, instant).hour;
}

/** The weekday in the zone at an instant: 1 for Monday to 7 for Sunday. */
export function localWeekday(timeZone: string, instant: Date): number {
  return isoWeekday(localDay(timeZone, instant));
}

/**
 * The first instant of a local day in a time zone. Not always 00:00 on the wall clock, and a
 * day is not always 24 hours: Europe/Stockholm's 2026-03-29 has 23, its 2026-10-25 has 25,
 * and where clocks jump forward at midnight the day starts at 01:00.
 */
export function startOfLocalDay(timeZone: string, day: DayId): Date {
  const midnightAsUtc = Date.parse(`${day}T00:00:00Z`);
  // A day meets at most one offset change: midnight is read with the offset of the day
  // before or of the day after, and the earliest reading that really is the day's start wins.
  const candidates = [
    midnightAsUtc - offsetAt(timeZone, midnightAsUtc - MS_PER_DAY),
    midnightAsUtc - offsetAt(timeZone, midnightAsUtc + MS_PER_DAY),
  ]
    .filter((instant) => isStartOf(timeZone, day, instant))
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? firstInstantOf(timeZone, day, midnightAsUtc));
}

/** The local days' length in hours in a zone: 23, 24 or 25 where clocks move by an hour. */
export function hoursInLocalDay(timeZone: string, day: DayId): number {
  const start = startOfLocalDay(timeZone, day).getTime();
  return (startOfLocalDay(timeZone, addDays(day, 1)).getTime() - start) / 3_600_000;
}

function isStartOf(timeZone: string, day: DayId, instant: number): boolean {
  return (
    wallClock(timeZone, instant).day === day && wallClock(timeZone, instant - 1000).day !== day
  );
}

/**
 * Midnight did not exist that day (the clocks jumped past it): the day starts at the jump.
 * Found by halving, to the second, within the 14 hours either side of UTC midnight that
 * hold every zone's midnight.
 */
function firstInstantOf(timeZone: string, day: DayId, midnightAsUtc: number): number {
  const hours14 = 14 * 3_600_000;
  let before = midnightAsUtc - hours14 - 1000; // still the day before, in every zone
  let at = midnightAsUtc + hours14; // already the day, in every zone
  while (at - before > 1000) {
    const middle = before + Math.floor((at - before) / 2000) * 1000;
    if (wallClock(timeZone, middle).day < day) before = middle;
    else at = middle;
  }
  return at;
}
