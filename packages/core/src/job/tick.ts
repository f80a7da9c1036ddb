import { errorSummary, Log } from "../log";
import { Org } from "../org";
import { Runtime } from "../runtime";
import { currentPeriod } from "./cadence";
import { dueUnits } from "./due";
import { Events } from "./events";
import {
  isOrgJob,
  type JobDefinition,
  type JobOutcome,
  type OrgJob,
  outcomeOf,
  runGlobal,
} from "./job";
import type { JobUnit } from "./job.schema";
import { runUnit } from "./run-unit";
import { unfinished } from "./unit-claim";

/**
 * One tick: every global job runs here, each isolated; every organisation job's due units
 * that are not done (or held) are sent as `job.unit` events, to run and retry one by one.
 * A unit's failure is never the tick's: it shows in the unit runner's retries and dead
 * letters. What a tick failed to send, the next tick finds still due and sends.
 */
export async function tick(jobs: readonly JobDefinition[], now: Date): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  for (const job of jobs) {
    outcomes.push(isOrgJob(job) ? await fanOut(job, now) : await runGlobal(job, now));
  }
  return outcomes;
}

function fanOut(job: OrgJob, now: Date): Promise<JobOutcome> {
  return outcomeOf(job.name, async () => {
    const due = await dueUnits(job, now);
    const units = await unfinished(due, now);
    await send(units);
    return { due: due.length, sent: units.length };
  });
}

async function send(units: JobUnit[]): Promise<void> {
  if (units.length === 0) return;
  await Runtime.use().publisher.publish(
    units.map((unit) => Events.Unit.create(unit, { orgId: unit.orgId })),
  );
}

/**
 * An operator's "run now" (`npm run job`), in this process: a global job runs; an
 * organisation job runs, as if due, the unit of the period it is in now of the given
 * organisation, or else of every organisation (those with work, when the job can tell), one
 * after another, each claimed like the bus's (a done unit is not redone).
 */
export async function runNow(
  job: JobDefinition,
  { now, orgId }: { now: Date; orgId?: string },
): Promise<JobOutcome> {
  if (!isOrgJob(job)) return runGlobal(job, now);
  const orgIds = orgId
    ? [orgId]
    : job.dueOrgs
      ? await job.dueOrgs({ now })
      : (await Org.everyOrgClock()).map((clock) => clock.orgId);
  const units = await Promise.all(orgIds.map((id) => unitOf(job, id, now)));
  const results: Record<string, unknown>[] = [];
  let ok = true;
  for (const unit of units) {
    try {
      results.push(await runUnit(job, unit, now));
    } catch (error) {
      ok = false;
      Log.error("job unit failed", { ...unit, error });
      results.push({ ...unit, status: "failed", error: errorSummary(error) });
    }
  }
  return { name: job.name, ok, result: { units: results } };
}

async function unitOf(job: OrgJob, orgId: string, now: Date): Promise<JobUnit> {
  const { timeZone } = await Org.get(orgId);
  return { job: job.name, orgId, period: currentPeriod(job.cadence, timeZone, now) };
}
