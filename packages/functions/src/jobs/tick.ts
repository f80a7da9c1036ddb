import { Job } from "@sprida/core/job";
import { Log } from "@sprida/core/log";
import { Runtime } from "@sprida/core/runtime";
import type { ScheduledEvent } from "aws-lambda";
import { lambda } from "../lambda";
import { Jobs } from "./jobs";

/**
 * The 15-minute tick: global jobs run here, organisation jobs are sent out as units. A unit's
 * failure is never the tick's (the unit runner retries it alone). A global job that failed, or
 * units that could not be found or sent, fail the invocation: visible in the errors metric,
 * retried once, then dead-lettered with an alarm. The retry runs the global jobs again, as
 * before; a unit it sends again is a no-op once claimed (Job.runUnit).
 */
export const handler = lambda(
  async (event: Pick<ScheduledEvent, "time">): Promise<Job.JobOutcome[]> => {
    const now = event.time ? new Date(event.time) : Runtime.use().now();
    const outcomes = await Job.tick(Jobs, now);
    const failed = outcomes.filter((outcome) => !outcome.ok);
    Log.info("jobs ran", { tick: now.toISOString(), outcomes });
    if (failed.length > 0) throw new Error(`Jobs failed: ${failed.map((f) => f.name).join(", ")}`);
    return outcomes;
  },
);
