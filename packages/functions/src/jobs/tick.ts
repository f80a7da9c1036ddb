import { Job } from "@sprida/core/job";
import { Runtime } from "@sprida/core/runtime";
import type { ScheduledEvent } from "aws-lambda";
import { lambda } from "../lambda";
import { Jobs } from "./jobs";

export const handler = lambda(
  async (event: Pick<ScheduledEvent, "time">): Promise<Job.JobOutcome[]> => {
    const now = event.time ? new Date(event.time) : Runtime.use().now();
    const outcomes = await Job.runAll(Jobs, { now });
    const failed = outcomes.filter((outcome) => !outcome.ok);
    console.log(JSON.stringify({ tick: now.toISOString(), outcomes }));
    // Failing the invocation makes the failure visible (errors metric, alarm) after the others ran.
    if (failed.length > 0) throw new Error(`Jobs failed: ${failed.map((f) => f.name).join(", ")}`);
    return outcomes;
  },
);
