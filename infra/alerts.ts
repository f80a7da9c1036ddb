import { Aws } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as sns from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { StackContext } from "sst/constructs";
import { suppressSstStackInternals } from "./nag";
import { isProtected } from "./stage";

/**
 * One "alerts" topic per stage: every alarm (dead-letter queues, failure destinations)
 * notifies it. SPRIDA_ALERT_EMAIL, when set at deploy time, subscribes an address to it
 * (AWS sends a confirmation e-mail first); on a protected stage it is required, so alarms
 * reach someone. Publishing requires TLS, and the topic's policy lets CloudWatch alarms of
 * this account publish (`enforceSSL` alone leaves only a deny). The topic is not
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
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: "CloudWatchAlarmsPublish",
      principals: [new iam.ServicePrincipal("cloudwatch.amazonaws.com")],
      actions: ["sns:Publish"],
      resources: [topic.topicArn],
      // The deploying account itself (a pseudo parameter), whatever SST's config names.
      conditions: { StringEquals: { "aws:SourceAccount": Aws.ACCOUNT_ID } },
    }),
  );
  const email = process.env.SPRIDA_ALERT_EMAIL?.trim();
  if (email) topic.addSubscription(new EmailSubscription(email));
  else if (isProtected(app.stage)) {
    throw new Error(
      `SPRIDA_ALERT_EMAIL is required on the protected stage "${app.stage}": alarms must reach someone.`,
    );
  }
  suppressSstStackInternals(stack);
  return { topic };
}
