import type { Schedule } from "@sprida/core/event";

/** The one schedule: organisations' local times are worked out by the jobs themselves. */
export const Schedules: Schedule[] = [
  {
    id: "tick",
    description: "Every 15 minutes (UTC): runs the jobs that are due",
    handler: "packages/functions/src/jobs/tick.handler",
    cron: "cron(0/15 * * * ? *)",
    // webhook-retry opens webhooks' sealed secrets to sign.
    usesKeyring: true,
  },
];
