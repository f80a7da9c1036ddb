import { EventRules } from "@sprida/functions/events";
import { Duration } from "aws-cdk-lib";
import type * as events from "aws-cdk-lib/aws-events";
import { EventBus, type StackContext, use } from "sst/constructs";
import { Alerts } from "./alerts";
import { deadLetterQueue } from "./dead-letter";
import { handlerFunction } from "./function";
import { grantSendMail } from "./mail";
import { suppressSstStackInternals } from "./nag";
import { deploySettings } from "./settings";
import { pascalCase } from "./stage";
import { Storage } from "./storage";

/**
 * Lambda's own asynchronous-invocation limits. EventBridge's retry policy covers delivery to
 * Lambda (throttling, service errors); a handler that throws is retried by Lambda's async
 * invocation, which allows at most 2 retries and 6 hours.
 */
const LAMBDA_ASYNC_MAX_RETRIES = 2;
const LAMBDA_ASYNC_MAX_EVENT_AGE_SECONDS = 6 * 60 * 60;

/**
 * The stage's event bus and, for every rule of EventRules, an EventBridge rule with exactly
 * that pattern targeting the rule's handler. Each rule has its own dead-letter queue (with an
 * alarm) that receives both events EventBridge could not deliver and events the handler kept
 * failing on: in both cases the message body is the event itself, ready to be put back on the
 * bus. A rule's function gets the keyring key and SES sending only when the rule says it
 * needs them (`usesKeyring`, `sendsMail`).
 */
export function Bus({ stack }: StackContext) {
  const { topic } = use(Alerts);
  const { table, keyring } = use(Storage);
  const bus = new EventBus(stack, "Bus");
  const settings = deploySettings();

  for (const rule of EventRules) {
    const runtime = { table, bus, ...(rule.usesKeyring ? { keyring } : {}) };
    const id = pascalCase(rule.id);
    const deadLetters = deadLetterQueue(stack, `${id}DeadLetterQueue`, {
      name: `${rule.id}-dlq`,
      holds: `events of rule "${rule.id}" that could not be delivered or handled`,
      alerts: topic,
    });
    const handler = handlerFunction(stack, `${id}Handler`, runtime, {
      handler: rule.handler,
      description: rule.description,
      deadLetterQueue: deadLetters,
      retryAttempts: Math.min(rule.maximumRetryAttempts, LAMBDA_ASYNC_MAX_RETRIES),
      maxEventAge: Duration.seconds(
        Math.min(rule.maximumEventAgeSeconds, LAMBDA_ASYNC_MAX_EVENT_AGE_SECONDS),
      ),
    });
    if (rule.sendsMail) grantSendMail(handler, settings.mail);
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
          handler: {
            function: handler,
            cdk: {
              target: {
                deadLetterQueue: deadLetters,
                retryAttempts: rule.maximumRetryAttempts,
                maxEventAge: Duration.seconds(rule.maximumEventAgeSeconds),
              },
            },
          },
        },
      },
    });
  }

  suppressSstStackInternals(stack);
  return { bus };
}
