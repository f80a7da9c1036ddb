import { errorSummary } from "../log";
import type { OrgJob } from "./job";
import { JobUnit, type UnitOutcome } from "./job.schema";
import { complete, fail, take } from "./unit-claim";

/**
 * Runs one unit at most once to completion: claims (job, organisation, period), runs the
 * job's `runUnit`, records the result. Safe to run twice: a done unit answers `already_done`,
 * a unit someone else holds `busy`, and neither runs the job again. A failure is recorded
 * (freeing the unit for its retry) and rethrown, so the bus retries this unit alone.
 */
export async function runUnit(job: OrgJob, input: JobUnit, now: Date): Promise<UnitOutcome> {
  const unit = JobUnit.parse(input);
  if (unit.job !== job.name) throw new Error(`Unit of "${unit.job}" given to job "${job.name}"`);
  const claim = await take(unit, now);
  if (claim.state === "done") return { ...unit, status: "already_done", result: claim.result };
  if (claim.state === "busy") return { ...unit, status: "busy" };
  try {
    const result = await job.runUnit({ orgId: unit.orgId, period: unit.period, now });
    await complete(claim, result, now);
    return { ...unit, status: "done", result };
  } catch (error) {
    await fail(claim, errorSummary(error), now);
    throw error;
  }
}
