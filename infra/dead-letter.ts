import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type * as sns from "aws-cdk-lib/aws-sns";
import * as sqs from "aws-cdk-lib/aws-sqs";
import type { App, Stack } from "sst/constructs";

export interface DeadLetterQueueProps {
  /** Queue name suffix, prefixed with stage and app: "<stage>-sprida-<name>". */
  name: string;
  /** What lands in the queue, for the alarm's description. */
  holds: string;
  alerts: sns.ITopic;
}

/** Messages are kept for SQS's maximum, 14 days, for inspection and replay. */
export const DEAD_LETTER_RETENTION = Duration.days(14);

/**
 * A dead-letter queue (encrypted with SQS-managed keys, TLS only, 14 days retention) and a
 * CloudWatch alarm that notifies the alerts topic as soon as it holds a visible message, and
 * again when it is empty.
 */
export function deadLetterQueue(stack: Stack, id: string, props: DeadLetterQueueProps): sqs.Queue {
  const app = stack.node.root as App;
  const queueName = app.logicalPrefixedName(props.name);
  const queue = new sqs.Queue(stack, id, {
    queueName,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: DEAD_LETTER_RETENTION,
  });
  const alarm = new cloudwatch.Alarm(stack, `${id}Alarm`, {
    alarmName: `${queueName} has messages`,
    alarmDescription: `${queueName} holds ${props.holds}. Inspect, fix, then replay.`,
    metric: queue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(1),
      statistic: cloudwatch.Stats.MAXIMUM,
    }),
    threshold: 0,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new SnsAction(props.alerts));
  alarm.addOkAction(new SnsAction(props.alerts));
  return queue;
}
