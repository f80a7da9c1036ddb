import type { EventRule } from "@sprida/core/event";
import { Duration } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import type * as sns from "aws-cdk-lib/aws-sns";
import type { EventBus, Stack } from "sst/constructs";
import { deadLetterQueue } from "./dead-letter";
import { handlerFunction, type RuntimeResources } from "./function";
import { pascalCase } from "./stage";

/**
 * Lambda's own asynchronous-invocation limits. EventBridge's retry policy covers delivery to
 * Lambda (throttling, service errors); a handler that throws is retried by Lambda's async
 * invocation, which allows at most 2 retries and 6 hours.
 */
const LAMBDA_ASYNC_MAX_RETRIES = 2;
const LAMBDA_ASYNC_MAX_EVENT_AGE_SECONDS = 6 * 60 * 60;

/**
 * One event rule on the bus: an EventBridge rule with exactly the rule's pattern targeting
 * its own function, and a dead-letter queue (with an alarm) that receives both events
 * EventBridge could not deliver and events the handler kept failing on; in both cases the
 * message body is the event itself, ready to be put back on the bus. The function gets what
 * the rule's access declares (infra/permissions.ts), the keyring key only with `usesKeyring`.
 */
export function addEventRule(
  stack: Stack,
  bus: EventBus,
  rule: EventRule & { timeoutSeconds?: number },
  resources: RuntimeResources & { alerts: sns.ITopic },
  names: { handler: string; target: string; holds: string },
) {
  const { alerts, keyring, ...runtime } = resources;
  const id = pascalCase(rule.id);
  const deadLetters = deadLetterQueue(stack, `${id}DeadLetterQueue`, {
    name: `${rule.id}-dlq`,
    holds: names.holds,
    alerts,
  });
  const handler = handlerFunction(
    stack,
    `${id}${names.handler}`,
    { ...runtime, keyring },
    {
      handler: rule.handler,
      access: rule,
      description: rule.description,
      ...(rule.timeoutSeconds === undefined ? {} : { timeout: rule.timeoutSeconds }),
      deadLetterQueue: deadLetters,
      ...(rule.concurrency === undefined ? {} : { reservedConcurrentExecutions: rule.concurrency }),
      retryAttempts: Math.min(rule.maximumRetryAttempts, LAMBDA_ASYNC_MAX_RETRIES),
      maxEventAge: Duration.seconds(
        Math.min(rule.maximumEventAgeSeconds, LAMBDA_ASYNC_MAX_EVENT_AGE_SECONDS),
      ),
    },
  );
  const target = {
    deadLetterQueue: deadLetters,
    retryAttempts: rule.maximumRetryAttempts,
    maxEventAge: Duration.seconds(rule.maximumEventAgeSeconds),
  };
  if (rule.bus === "aws-default") {
    // AWS services (SES's bounces) put their events on the account's default bus only.
    new events.Rule(stack, `${id}Rule`, {
      description: rule.description,
      eventBus: events.EventBus.fromEventBusName(stack, `${id}DefaultBus`, "default"),
      eventPattern: rule.pattern as events.EventPattern,
      targets: [new targets.LambdaFunction(handler, target)],
    });
    return handler;
  }
  bus.addRules(stack, {
    [rule.id]: {
      cdk: {
        rule: {
          description: rule.description,
          // The shared pattern, unchanged (CDK renders its keys as they are).
          eventPattern: rule.pattern as events.EventPattern,
        },
      },
      targets: {
        [names.target]: {
          function: handler,
          cdk: { target },
        },
      },
    },
  });
  return handler;
}
