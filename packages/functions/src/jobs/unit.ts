import { Job } from "@sprida/core/job";
import { Runtime } from "@sprida/core/runtime";
import { lambda } from "../lambda";
import { Jobs } from "./jobs";

/** Target of `job.unit`: runs one organisation's unit once; throws so the bus retries it. */
export const handler = lambda(async (event: unknown): Promise<Job.UnitOutcome> => {
  const { properties } = Job.Events.Unit.parse(event);
  return Job.runUnit(Job.findOrgJob(Jobs, properties.job), properties, Runtime.use().now());
});
