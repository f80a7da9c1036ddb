import type { EventRule } from "@sprida/core/event";
import { Job } from "@sprida/core/job";

/**
 * The rule that runs each `job.unit` the tick sends: on AWS an EventBridge rule on the bus
 * (infra/jobs.ts) with this retry policy and a dead-letter queue with an alarm; locally the
 * local bus, with the same retries and dead letters. A failing unit is retried alone.
 */
export const JobUnitRule: EventRule & { timeoutSeconds: number } = {
  id: "job-unit",
  description: "Runs one organisation's unit of a job (job.unit), claimed once per period",
  pattern: { source: ["sprida"], "detail-type": [Job.Events.Unit.name] },
  handler: "packages/functions/src/jobs/unit.handler",
  maximumRetryAttempts: 4,
  // A unit an hour late is still worth running; the next tick sends a still-due one anyway.
  maximumEventAgeSeconds: 60 * 60,
  // Any organisation job: publishing content, RSS imports (which remove stale items),
  // webhook retries, weekly fan-out (its outbox events published and deleted).
  table: "manage",
  publishes: true,
  // webhook-retry opens webhooks' sealed secrets to sign.
  usesKeyring: true,
  // Well within the claim's lease (Job.UNIT_LEASE_MS), so a live unit is never taken over.
  timeoutSeconds: 5 * 60,
};
