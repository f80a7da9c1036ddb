import { JobUnitRule, Schedules } from "@sprida/functions/jobs";
import { Duration } from "aws-cdk-lib";
import { Cron, type StackContext, use } from "sst/constructs";
import { Alerts } from "./alerts";
import { Bus } from "./bus";
import { deadLetterQueue } from "./dead-letter";
import { addEventRule } from "./event-rule";
import { handlerFunction } from "./function";
import { suppressSstStackInternals } from "./nag";
import { pascalCase } from "./stage";
import { Storage } from "./storage";

/**
 * Delivery limits for scheduled invocations. A tick that cannot be delivered within the hour
 * is superseded by later ticks (each works out what is due from its own time), and a failing
 * tick is retried once by Lambda before it is dead-lettered.
 */
export const SCHEDULE_TARGET_RETRY_ATTEMPTS = 2;
export const SCHEDULE_MAX_EVENT_AGE = Duration.hours(1);
export const SCHEDULE_HANDLER_RETRY_ATTEMPTS = 1;

type CronExpression = `cron(${string})`;

function cronExpression(id: string, cron: string): CronExpression {
  if (!/^cron\(\S+( \S+){5}\)$/.test(cron)) {
    throw new Error(`Schedule "${id}": "${cron}" is not an EventBridge cron(...) expression`);
  }
  return cron as CronExpression;
}

/**
 * For every schedule of Schedules, an EventBridge cron rule (UTC) invoking its handler; and
 * the job units' rule on the bus (JobUnitRule): each `job.unit` the tick sends runs in the
 * unit runner with its own retries, and lands in its own dead-letter queue (with an alarm on
 * the alerts topic) when they are spent, so one organisation's failure is retried alone.
 */
export function Jobs({ stack }: StackContext) {
  const { topic } = use(Alerts);
  const { table, keyring } = use(Storage);
  const { bus } = use(Bus);

  for (const schedule of Schedules) {
    const id = pascalCase(schedule.id);
    const deadLetters = deadLetterQueue(stack, `${id}DeadLetterQueue`, {
      name: `${schedule.id}-dlq`,
      holds: `scheduled events of "${schedule.id}" that could not be delivered or handled`,
      alerts: topic,
    });
    const handler = handlerFunction(
      stack,
      `${id}Job`,
      { table, bus, keyring },
      {
        handler: schedule.handler,
        access: schedule,
        description: schedule.description,
        // Shorter than the 15-minute tick, so ticks do not pile up.
        timeout: "5 minutes",
        deadLetterQueue: deadLetters,
        retryAttempts: SCHEDULE_HANDLER_RETRY_ATTEMPTS,
        maxEventAge: SCHEDULE_MAX_EVENT_AGE,
      },
    );
    new Cron(stack, `${id}Schedule`, {
      schedule: cronExpression(schedule.id, schedule.cron),
      job: {
        function: handler,
        cdk: {
          target: {
            deadLetterQueue: deadLetters,
            retryAttempts: SCHEDULE_TARGET_RETRY_ATTEMPTS,
            maxEventAge: SCHEDULE_MAX_EVENT_AGE,
          },
        },
      },
      cdk: { rule: { description: schedule.description } },
    });
  }

  jobUnits(stack, { topic, table, keyring, bus });

  suppressSstStackInternals(stack);
  return {};
}

function jobUnits(
  stack: StackContext["stack"],
  resources: {
    topic: ReturnType<typeof Alerts>["topic"];
    table: ReturnType<typeof Storage>["table"];
    keyring: ReturnType<typeof Storage>["keyring"];
    bus: ReturnType<typeof Bus>["bus"];
  },
): void {
  const { topic, table, keyring, bus } = resources;
  addEventRule(
    stack,
    bus,
    JobUnitRule,
    { table, bus, keyring, alerts: topic },
    {
      handler: "Runner",
      target: "runner",
      holds: "job units (job.unit) that could not be delivered or kept failing",
    },
  );
}
