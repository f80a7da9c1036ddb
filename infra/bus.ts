import { EventRules } from "@sprida/functions/events";
import { type App, EventBus, type StackContext, use } from "sst/constructs";
import { Alerts } from "./alerts";
import { addEventRule } from "./event-rule";
import { grantSendMail, mailSending } from "./mail";
import { suppressSstStackInternals } from "./nag";
import { deploySettings } from "./settings";
import { Storage } from "./storage";

/**
 * The stage's event bus and, for every rule of EventRules, an EventBridge rule with exactly
 * that pattern targeting the rule's handler. Each rule has its own dead-letter queue (with an
 * alarm) that receives both events EventBridge could not deliver and events the handler kept
 * failing on: in both cases the message body is the event itself, ready to be put back on the
 * bus. A rule's function gets the keyring key and SES sending only when the rule says it
 * needs them (`usesKeyring`, `sendsMail`). The stack also holds the stage's SES sending setup
 * (infra/mail.ts): a rule on the account's default bus takes its bounces and complaints.
 */
const INGEST_RULE_ID = "ingest";

export function Bus({ stack }: StackContext) {
  const { topic } = use(Alerts);
  const { table, keyring } = use(Storage);
  const bus = new EventBus(stack, "Bus");
  const settings = deploySettings();
  const { configurationSet } = mailSending(stack, stack.node.root as App, settings.mail);

  for (const rule of EventRules) {
    const handler = addEventRule(
      stack,
      bus,
      // The ledger's ingest runs every click's event: reserved, so a burst cannot take the
      // API's concurrency (infra/settings.ts); EventBridge retries what it throttles.
      rule.id === INGEST_RULE_ID
        ? { ...rule, concurrency: settings.reservedConcurrency.ingest }
        : rule,
      { table, bus, keyring, alerts: topic },
      {
        handler: "Handler",
        target: "handler",
        holds: `events of rule "${rule.id}" that could not be delivered or handled`,
      },
    );
    if (rule.sendsMail) grantSendMail(handler, settings.mail);
  }

  suppressSstStackInternals(stack);
  return { bus, configurationSet };
}
