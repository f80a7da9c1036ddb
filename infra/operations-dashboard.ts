import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import type { App, Stack } from "sst/constructs";
import {
  CLOUDFRONT_METRICS_REGION,
  DISTRIBUTION_5XX_RATE_THRESHOLD,
  distribution5xxRate,
  type FunctionRole,
  graphed,
  ITERATOR_AGE_THRESHOLD,
  lambdaMetric,
  REDIRECT_P99_THRESHOLD_MS,
  type WatchedFunction,
} from "./function-metrics";

export interface DashboardInput {
  functions: WatchedFunction[];
  redirect: WatchedFunction;
  alarms: cloudwatch.Alarm[];
  queueNames: string[];
  tableName: string;
  tableThrottles: cloudwatch.IMetric;
  lostClicks: cloudwatch.IMetric;
  distributionId: string;
}

export function operationsDashboard(
  stack: Stack,
  app: App,
  input: DashboardInput,
): cloudwatch.Dashboard {
  const { functions, redirect } = input;
  const graph = (
    title: string,
    left: cloudwatch.IMetric[],
    extra: Partial<cloudwatch.GraphWidgetProps> = {},
  ) => new cloudwatch.GraphWidget({ title, left, width: 12, height: 6, ...extra });
  const ofRole = (role: FunctionRole) => functions.filter((fn) => fn.role === role);
  const minute = Duration.minutes(1);
  const dashboard = new cloudwatch.Dashboard(stack, "Dashboard", {
    dashboardName: app.logicalPrefixedName("operations"),
    defaultInterval: Duration.hours(6),
  });
  dashboard.addWidgets(
    new cloudwatch.TextWidget({
      markdown:
        `# Sprida ${app.stage}\nWhat each alarm means and what to do: README → Operations. ` +
        `CloudFront's graph is read from ${CLOUDFRONT_METRICS_REGION}, where its metrics live.`,
      width: 24,
      height: 2,
    }),
    new cloudwatch.AlarmStatusWidget({
      title: "Alarms",
      alarms: input.alarms,
      width: 24,
      height: 6,
    }),
  );
  dashboard.addWidgets(
    graph(`Redirect (${redirect.functionName}): invocations`, [
      lambdaMetric(redirect, "Invocations", cloudwatch.Stats.SUM, minute),
    ]),
    graph(
      "Redirect: duration p50 and p99 (ms)",
      [
        lambdaMetric(redirect, "Duration", cloudwatch.Stats.p(50), minute).with({ label: "p50" }),
        lambdaMetric(redirect, "Duration", cloudwatch.Stats.p(99), minute).with({ label: "p99" }),
      ],
      {
        leftAnnotations: [{ value: REDIRECT_P99_THRESHOLD_MS, label: "p99 alarm" }],
      },
    ),
  );
  dashboard.addWidgets(
    graph(
      "Errors per function",
      functions.map((fn) => graphed(fn, lambdaMetric(fn, "Errors", cloudwatch.Stats.SUM))),
    ),
    graph(
      "Throttles per function",
      functions.map((fn) => graphed(fn, lambdaMetric(fn, "Throttles", cloudwatch.Stats.SUM))),
    ),
  );
  dashboard.addWidgets(
    graph(
      "Stream consumers: iterator age (ms)",
      ofRole("stream").map((fn) =>
        graphed(fn, lambdaMetric(fn, "IteratorAge", cloudwatch.Stats.MAXIMUM)),
      ),
      {
        leftAnnotations: [{ value: ITERATOR_AGE_THRESHOLD.toMilliseconds(), label: "alarm" }],
      },
    ),
    graph(
      "Event-driven functions: async event age (ms)",
      ofRole("async").map((fn) =>
        graphed(fn, lambdaMetric(fn, "AsyncEventAge", cloudwatch.Stats.MAXIMUM)),
      ),
    ),
  );
  dashboard.addWidgets(
    graph(
      "Dead-letter and on-failure queues: visible messages",
      input.queueNames.map(
        (queueName) =>
          new cloudwatch.Metric({
            namespace: "AWS/SQS",
            metricName: "ApproximateNumberOfMessagesVisible",
            dimensionsMap: { QueueName: queueName },
            statistic: cloudwatch.Stats.MAXIMUM,
            period: Duration.minutes(5),
            label: queueName,
          }),
      ),
    ),
    graph("Lost clicks", [input.lostClicks]),
  );
  dashboard.addWidgets(
    graph(
      "Table: consumed capacity units",
      (["ConsumedReadCapacityUnits", "ConsumedWriteCapacityUnits"] as const).map(
        (metricName) =>
          new cloudwatch.Metric({
            namespace: "AWS/DynamoDB",
            metricName,
            dimensionsMap: { TableName: input.tableName },
            statistic: cloudwatch.Stats.SUM,
            period: Duration.minutes(5),
          }),
      ),
    ),
    graph("Table: throttle events", [input.tableThrottles]),
  );
  dashboard.addWidgets(
    graph(
      "CloudFront: 5xx error rate (%)",
      [distribution5xxRate(input.distributionId, CLOUDFRONT_METRICS_REGION)],
      {
        leftAnnotations: [{ value: DISTRIBUTION_5XX_RATE_THRESHOLD, label: "5%" }],
      },
    ),
  );
  return dashboard;
}
