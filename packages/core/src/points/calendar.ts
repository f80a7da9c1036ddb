import { startOfMonth } from "../day";
import { Org } from "../org";
import { Runtime } from "../runtime";
import { weekPeriod } from "../tally";

/** The organisation's local "now" that points periods are read against. */
export interface LocalToday {
  /** Today, the organisation's local day (YYYY-MM-DD). */
  day: string;
  /** Its ISO week, as member totals name it: "week:2026-W48". */
  weekPeriod: `week:${string}`;
  /** The first day of its calendar month. */
  monthStart: string;
}

export async function localToday(orgId: string): Promise<LocalToday> {
  const org = await Org.get(orgId);
  const day = Org.localDay(org.timeZone, Runtime.use().now());
  return {
    day,
    weekPeriod: weekPeriod(day) as `week:${string}`,
    monthStart: startOfMonth(day),
  };
}

/** Plain calendar arithmetic on local days, kept here for `Points.addDays` callers. */
export { addDays } from "../day";
