import { addDays, eachDay, earliestDay, latestDay, localDay } from "../day";
import { Org } from "../org";
import { Runtime } from "../runtime";
import { settingsOn } from "../value";
import { rollupStateEntity } from "./report.entity";
import { type DayOutcome, rollUpDay } from "./rollup";

/** The most days one run catches up on; a longer gap is finished by the next runs. */
export const MAX_CATCH_UP_DAYS = 120;

export type RollupResult = {
  from: string | null;
  to: string;
  rolled: number;
  unchanged: number;
  empty: number;
};

/**
 * The nightly unit of one organisation, after its local midnight: rolls up every finished
 * day not looked at yet (a missed night is caught up), and looks again at the days still
 * inside the attribution window, whose counters a late conversion may have changed (those
 * periods are provisional). A day whose counters did not change is left alone, so a rerun
 * writes nothing and gives the same aggregates.
 */
export async function rollUpDue(input: { orgId: string; now?: Date }): Promise<RollupResult> {
  const now = input.now ?? Runtime.use().now();
  const org = await Org.get(input.orgId);
  const yesterday = addDays(localDay(org.timeZone, now), -1);
  const created = localDay(org.timeZone, new Date(org.createdAt));
  const [{ data: state }, settings] = await Promise.all([
    rollupStateEntity().get({ orgId: org.orgId }).go({ consistent: true }),
    settingsOn(org.orgId, yesterday),
  ]);
  const refreshFrom = addDays(yesterday, -settings.attributionWindowDays);
  const next = state ? addDays(state.rolledThrough, 1) : created;
  const from = latestDay(earliestDay(next, refreshFrom), created);
  const result: RollupResult = { from: null, to: yesterday, rolled: 0, unchanged: 0, empty: 0 };
  if (from > yesterday) return result;
  const days = eachDay(from, yesterday).slice(0, MAX_CATCH_UP_DAYS);
  result.from = from;
  result.to = days[days.length - 1] as string;
  let through = state?.rolledThrough;
  for (const day of days) {
    const outcome: DayOutcome = await rollUpDay(org.orgId, day);
    result[outcome] += 1;
    if (!through || day > through) through = day;
  }
  await rollupStateEntity()
    .put({ orgId: org.orgId, rolledThrough: through as string, updatedAt: now.toISOString() })
    .go({ response: "none" });
  return result;
}

/**
 * The organisations with a finished local day to roll up: all but those made today (a new
 * organisation's first unit would find nothing). One directory query and a BatchGet.
 */
export async function orgsWithFinishedDays(input: { now: Date }): Promise<string[]> {
  const clocks = await Org.everyOrgClock();
  const orgs = await Org.getMany(clocks.map((clock) => clock.orgId));
  return clocks
    .filter(({ orgId, timeZone }) => {
      const org = orgs.get(orgId);
      return (
        org !== undefined &&
        localDay(timeZone, new Date(org.createdAt)) < localDay(timeZone, input.now)
      );
    })
    .map(({ orgId }) => orgId);
}
