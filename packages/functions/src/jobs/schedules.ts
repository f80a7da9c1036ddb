import type { Schedule } from "@sprida/core/event";

/**
 * The one schedule: organisations' local times are worked out by the jobs themselves
 * (packages/core/src/job). It opens no secret: webhook-retry, which signs, runs in the job
 * units' runner (unit-rule.ts).
 */
export const Schedules: Schedule[] = [
  {
    id: "tick",
    description: "Every 15 minutes (UTC): runs the jobs that are due",
    handler: "packages/functions/src/jobs/tick.handler",
    cron: "cron(0/15 * * * ? *)",
    // Global jobs run here: the outbox relay and the salt expiry delete what they are done with.
    table: "manage",
    // One job.unit event per due organisation unit.
    publishes: true,
  },
];
