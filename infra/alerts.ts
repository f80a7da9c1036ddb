import * as sns from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { StackContext } from "sst/constructs";
import { suppressSstStackInternals } from "./nag";

/**
 * One "alerts" topic per stage: every alarm (dead-letter queues, failure destinations)
 * notifies it. SPRIDA_ALERT_EMAIL, when set at deploy time, subscribes an address to it
 * (AWS sends a confirmation e-mail first). Publishing requires TLS. The topic is not
 * KMS-encrypted: CloudWatch alarms can only publish to an encrypted topic through a
 * customer-managed key, and alarm notifications carry alarm and queue names and metric values,
 * no personal or tenant data.
 */
export function Alerts({ app, stack }: StackContext) {
  const topic = new sns.Topic(stack, "Alerts", {
    topicName: app.logicalPrefixedName("alerts"),
    displayName: `Sprida ${app.stage} alerts`,
    enforceSSL: true,
  });
  const email = process.env.SPRIDA_ALERT_EMAIL?.trim();
  if (email) topic.addSubscription(new EmailSubscription(email));
  suppressSstStackInternals(stack);
  return { topic };
}
