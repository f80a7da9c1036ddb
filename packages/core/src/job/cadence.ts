import { isoWeek, localDay, localHour, localWeekday } from "../day";
import type { Cadence, Period } from "./job.schema";

/** The UTC minute of a tick, "2026-12-04T17:15Z": one unit per tick and organisation. */
const tickPeriod = (now: Date) => `${now.toISOString().slice(0, 16)}Z`;
const hourPeriod = (now: Date) => `${now.toISOString().slice(0, 13)}Z`;

/**
 * The period an organisation in `timeZone` is in at `now` for a cadence, whether or not its
 * unit is due yet (an operator's "run now").
 */
export function currentPeriod(cadence: Cadence, timeZone: string, now: Date): Period {
  switch (cadence.every) {
    case "tick":
      return tickPeriod(now);
    case "hour":
      return hourPeriod(now);
    case "night":
      return localDay(timeZone, now);
    case "week":
      return isoWeek(localDay(timeZone, now));
  }
}

/**
 * The period whose unit is due at `now` for an organisation in `timeZone`, or undefined when
 * none is. Read off the local wall clock (Intl), so a day of 23 or 25 hours changes nothing:
 * an hour the clocks skip is due at the first hour after it, and an hour they repeat falls in
 * the same period twice, which the unit's claim runs once.
 */
export function duePeriod(cadence: Cadence, timeZone: string, now: Date): Period | undefined {
  switch (cadence.every) {
    case "tick":
    case "hour":
      return currentPeriod(cadence, timeZone, now);
    case "night":
      return localHour(timeZone, now) >= cadence.atLocalHour
        ? currentPeriod(cadence, timeZone, now)
        : undefined;
    case "week":
      return localWeekday(timeZone, now) === cadence.onLocalWeekday &&
        localHour(timeZone, now) >= cadence.atLocalHour
        ? currentPeriod(cadence, timeZone, now)
        : undefined;
  }
}

/** Whether the cadence needs each organisation's time zone to tell what is due. */
export const followsLocalTime = (cadence: Cadence) =>
  cadence.every === "night" || cadence.every === "week";
