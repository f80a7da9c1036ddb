import { z } from "zod";
import { addDays } from "../day";
import { Errors, parseInput } from "../error";
import { Org } from "../org";
import { Runtime } from "../runtime";
import { memberService } from "./member.entity";
import { Day } from "./member.schema";

/** About three years: enough for participation history, bounded for one request. */
export const MAX_DAYS = 1100;
const DEFAULT_DAYS = 30;

export const DayCounts = z.object({ day: z.string(), active: z.number(), invited: z.number() });
export type DayCounts = z.infer<typeof DayCounts>;

/**
 * Active and invited members at the end of each of the organisation's local days, from
 * `fromDay` to `toDay` inclusive (by default the last 30 days up to today). Each change adds to its day's counter in the transaction
 * that makes it, so a day's figure is the sum of every change up to that day (days without
 * a change carry the previous figure forward). One query over the organisation's days.
 */
export async function countsByDay(
  orgId: string,
  fromDay?: string,
  toDay?: string,
): Promise<DayCounts[]> {
  // Like the statistics: the last 30 local days up to today unless a range is asked for.
  const to =
    toDay === undefined
      ? Org.localDay((await Org.get(orgId)).timeZone, Runtime.use().now())
      : parseInput(Day, toDay, "invalid_day");
  const from =
    fromDay === undefined
      ? addDays(to, -(DEFAULT_DAYS - 1))
      : parseInput(Day, fromDay, "invalid_day");
  if (from > to) throw Errors.invalid("invalid_range", "The first day must not be after the last.");
  const days = Org.daysBetween(from, to);
  if (days.length > MAX_DAYS) {
    throw Errors.invalid("range_too_long", `Ask for at most ${MAX_DAYS} days at a time.`);
  }
  const { data: changes } = await memberService()
    .day.query.byOrg({ orgId })
    // A closed range: `lte` alone would also read the other items of the organisation's
    // partition that sort before the day counters (the members, for one).
    .between({ day: "0000-01-01" }, { day: to })
    .go({ pages: "all" });
  const byDay = new Map(changes.map((change) => [change.day, change]));
  let active = 0;
  let invited = 0;
  for (const change of changes) {
    if (change.day >= from) break;
    active += change.active ?? 0;
    invited += change.invited ?? 0;
  }
  return days.map((day) => {
    const change = byDay.get(day);
    active += change?.active ?? 0;
    invited += change?.invited ?? 0;
    return { day, active, invited };
  });
}
