import { globalIndexNames } from "@sprida/core/dynamo";
import type { HandlerPath } from "@sprida/core/event";
import { EventRules } from "@sprida/functions/events";
import { JobUnitRule, Schedules } from "@sprida/functions/jobs";
import { StreamConsumers } from "@sprida/functions/streams";
import { type Stack as CdkStack, Duration, Token } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import type * as sns from "aws-cdk-lib/aws-sns";
import * as sqs from "aws-cdk-lib/aws-sqs";
import {
  type App,
  dependsOn,
  Function as SstFunction,
  type Stack,
  type StackContext,
  use,
} from "sst/constructs";
import { Alerts } from "./alerts";
import { Api } from "./api";
import { Bus } from "./bus";
import {
  CLOUDFRONT_METRICS_REGION,
  DISTRIBUTION_5XX_RATE_THRESHOLD,
  distribution5xxRate,
  type FunctionRole,
  ITERATOR_AGE_THRESHOLD,
  lambdaMetric,
  REDIRECT_P99_THRESHOLD_MS,
  type WatchedFunction,
} from "./function-metrics";
import { Jobs } from "./jobs";
import { suppressSstStackInternals } from "./nag";
import { operationsDashboard } from "./operations-dashboard";
import { REDIRECT_HANDLER } from "./redirect";
import { signInMetricNamespace } from "./sign-in-alarm";
import { Storage } from "./storage";
import { Streams } from "./streams";

/** Where every alarm description sends the person it wakes. */
const RUNBOOKS = "Runbooks: README → Operations.";

/**
 * Thresholds, each with why it is where it is.
 *
 * - Errors, Sum ≥ 1 in 5 minutes: a handler never throws for something a user did (the HTTP
 *   apps answer 4xx and catch the rest into a logged 500; consumers report partial batch
 *   failures instead of throwing), so a Lambda error is a crash, a timeout or running out of
 *   memory, and the first one is worth a look.
 * - Throttles, Sum ≥ 1 in 5 minutes: a throttled HTTP function turns visitors of /r/* or /api/*
 *   away, and a throttled stream consumer falls behind, so the first one is worth a look (the
 *   account's concurrency or the function's reserved concurrency is spent). A function
 *   EventBridge invokes with reserved concurrency (the weekly sender's single instance, the
 *   ingest's ceiling, see infra/settings.ts) is throttled by design: that is how its pace is kept,
 *   and Lambda's async queue holds its events meanwhile. It gets no throttle alarm; its backlog
 *   is watched by the event age alarm instead.
 * - Redirect p99 Duration > 1,000 ms in 3 of 5 minutes: a warm redirect is one cached read, a
 *   hash and one publish, well under 100 ms; the publish waits at most 1.5 s
 *   (PUBLISH_TIMEOUT_MS) before the click goes to the outbox. A p99 above a second for most of
 *   five minutes means the bus or the table is slow for every visitor, not one cold start (at
 *   low traffic p99 is the slowest click of the minute, so one minute alone proves nothing).
 * - Stream IteratorAge Maximum > 1 hour: records leave the stream after 24 hours, and a batch
 *   that old is retried until its record age runs out; an hour behind leaves the day to fix
 *   the consumer before counts or webhooks are lost.
 * - AsyncEventAge Maximum > a quarter of the function's maximum event age, at most 30 minutes:
 *   events are normally picked up within seconds; past the maximum age Lambda drops them to the
 *   dead-letter queue (which has its own alarm), so this warns with three quarters of the time
 *   left. A function's maximum age is read from what is deployed (its EventInvokeConfig).
 * - Table read + write throttle events ≥ 1 in two consecutive 5-minute periods: an on-demand
 *   table throttles a hot partition or a sudden doubling of traffic; the SDK retries a single
 *   burst, throttling for ten minutes means writes are failing (clicks go to the outbox,
 *   consumers retry).
 * - Lost clicks > 0 in 5 minutes: a click neither the bus nor the outbox took is data lost;
 *   every one matters.
 */
export const ERRORS_THRESHOLD = 1;
export const THROTTLES_THRESHOLD = 1;
const ASYNC_EVENT_AGE_CAP = Duration.minutes(30);
export const TABLE_THROTTLE_PERIODS = 2;

/** The log line packages/core/src/click/follow.ts writes for a click it could not keep. */
export const LOST_CLICK_TERM = "link.clicked lost";
export const LOST_CLICKS_METRIC = "LinkClickedLost";

const STREAM_HANDLERS = new Set<string>(StreamConsumers.map(({ handler }) => handler));
const ASYNC_HANDLERS = new Set<string>(
  [...EventRules, JobUnitRule, ...Schedules].map(({ handler }) => handler),
);

/** Redirect, stream consumer, EventBridge-invoked or another HTTP function, by its definition. */
function roleOf(handler: string): FunctionRole {
  if (handler === REDIRECT_HANDLER) return "redirect";
  if (STREAM_HANDLERS.has(handler)) return "stream";
  if (ASYNC_HANDLERS.has(handler)) return "async";
  return "http";
}

/** A physical name set as a plain string, which other stacks can use without an export. */
function literal(value: string | undefined, what: string): string {
  if (value === undefined || Token.isUnresolved(value)) {
    throw new Error(`Monitoring: ${what} has no fixed name to watch it by`);
  }
  return value;
}

/**
 * Every Sprida function of the app (handler under packages/functions/src/), found in the
 * construct tree of the stacks made before this one. Functions are watched by their fixed
 * names (infra/function.ts), so no stack exports anything for them. The handler is SST's prop:
 * the template's Handler is only set once the bundle is built, after every stack is made.
 */
export function spridaFunctions(app: App): WatchedFunction[] {
  return app.node
    .findAll()
    .filter((node): node is SstFunction => node instanceof SstFunction)
    .flatMap((fn) => {
      const handler = fn.getConstructMetadata().data.handler;
      if (!handler?.startsWith("packages/functions/src/")) return [];
      const cfn = fn.node.defaultChild as lambda.CfnFunction;
      const invokeConfig = fn.node.findAll().find((node): node is lambda.CfnEventInvokeConfig => {
        return node instanceof lambda.CfnEventInvokeConfig;
      });
      const maximumEventAge = invokeConfig?.maximumEventAgeInSeconds;
      const role = roleOf(handler);
      return [
        {
          id: fn.node.id,
          functionName: literal(cfn.functionName, fn.node.path),
          handler: handler as HandlerPath,
          role,
          throttledByDesign: role === "async" && cfn.reservedConcurrentExecutions !== undefined,
          ...(maximumEventAge === undefined
            ? {}
            : { maximumEventAge: Duration.seconds(maximumEventAge) }),
        },
      ];
    });
}

/** The dead-letter and on-failure queues (infra/dead-letter.ts): every queue of the app. */
function deadLetterQueueNames(app: App): string[] {
  return app.node
    .findAll()
    .filter((node): node is sqs.Queue => node instanceof sqs.Queue)
    .map((queue) => literal((queue.node.defaultChild as sqs.CfnQueue).queueName, queue.node.path));
}

/**
 * The alarm on the distribution's 5xx error rate, only where it can work: CloudFront's
 * metrics exist in us-east-1 alone, and a CloudWatch alarm reads metrics of its own region
 * only (CDK refuses a metric of another region; CloudWatch has no cross-region alarm). SST v2
 * puts every stack in the app's region (its Stack refuses `env`), so there is no us-east-1
 * stack to hold it either. A stage deployed in us-east-1 (SPRIDA_REGION=us-east-1) gets the
 * alarm; elsewhere this returns undefined and the operator has the rate on the dashboard (read
 * from us-east-1) plus the in-region alarms on what makes the origins fail: the functions'
 * errors (a function that crashes or times out answers 5xx through its URL) and throttles.
 */
export function distribution5xxAlarm(
  stack: CdkStack,
  distributionId: string,
  alerts: sns.ITopic,
  name: string,
): cloudwatch.Alarm | undefined {
  if (stack.region !== CLOUDFRONT_METRICS_REGION) return undefined;
  const alarm = new cloudwatch.Alarm(stack, "Distribution5xxAlarm", {
    alarmName: `${name} 5xx error rate`,
    alarmDescription:
      `More than ${DISTRIBUTION_5XX_RATE_THRESHOLD}% of the distribution's requests were ` +
      "answered 5xx for ten minutes: an origin (a function or the web bucket) is failing. Check " +
      `the functions' Errors and the API's ERROR log lines. ${RUNBOOKS}`,
    metric: distribution5xxRate(distributionId),
    threshold: DISTRIBUTION_5XX_RATE_THRESHOLD,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 2,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new SnsAction(alerts));
  alarm.addOkAction(new SnsAction(alerts));
  return alarm;
}

/**
 * Production monitoring of a stage: alarms on every Sprida function's errors and throttles, the
 * redirect's p99 duration, the stream consumers' iterator age, the EventBridge-invoked
 * functions' event age, the table's throttling and lost clicks, each notifying the alerts
 * topic; and one CloudWatch dashboard, "<stage>-sprida-operations". Thresholds and their
 * reasons are above. The dead-letter queues' alarms stay next to their queues
 * (infra/dead-letter.ts); the dashboard graphs their depth.
 */
export function Monitoring({ app, stack }: StackContext) {
  const { topic } = use(Alerts);
  const { table } = use(Storage);
  const { distribution } = use(Api);
  // Watched by name: deployed after what it watches, so the redirect's log group exists for the
  // metric filter and no alarm waits on a function yet to come.
  for (const watched of [Bus, Api, Streams, Jobs]) dependsOn(watched);

  const functions = spridaFunctions(app);
  const covered = new Set(functions.map(({ handler }) => handler));
  const missing = [...STREAM_HANDLERS, ...ASYNC_HANDLERS, REDIRECT_HANDLER].filter(
    (handler) => !covered.has(handler as HandlerPath),
  );
  if (missing.length > 0) {
    throw new Error(`Monitoring: no function found for ${missing.join(", ")}`);
  }
  const redirect = functions.find(({ role }) => role === "redirect") as WatchedFunction;
  const alarms: cloudwatch.Alarm[] = [];
  const alarm = (id: string, props: cloudwatch.AlarmProps, { ok = false } = {}) => {
    const created = new cloudwatch.Alarm(stack, id, {
      ...props,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    created.addAlarmAction(new SnsAction(topic));
    // Only for alarms on a state (slow, behind, throttled): its end is news too.
    if (ok) created.addOkAction(new SnsAction(topic));
    alarms.push(created);
    return created;
  };

  for (const fn of functions) {
    alarm(`${fn.id}ErrorsAlarm`, {
      alarmName: `${fn.functionName} errors`,
      alarmDescription:
        `${fn.functionName} (${fn.handler}) failed an invocation: a crash, a timeout or out of ` +
        `memory, not a user's mistake. Read its log group /aws/lambda/${fn.functionName} for ` +
        `the ERROR line and its correlationId. ${RUNBOOKS}`,
      metric: lambdaMetric(fn, "Errors", cloudwatch.Stats.SUM),
      threshold: ERRORS_THRESHOLD,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });
    if (fn.throttledByDesign) continue;
    alarm(
      `${fn.id}ThrottlesAlarm`,
      {
        alarmName: `${fn.functionName} throttles`,
        alarmDescription:
          `${fn.functionName} was throttled: the account's Lambda concurrency, or the ` +
          "function's reserved concurrency, is spent, so requests are refused (HTTP) or delayed " +
          "(streams). Check the account's concurrent executions; raise the quota or the " +
          `reserved value (infra/settings.ts). ${RUNBOOKS}`,
        metric: lambdaMetric(fn, "Throttles", cloudwatch.Stats.SUM),
        threshold: THROTTLES_THRESHOLD,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      },
      { ok: true },
    );
  }

  alarm(
    "RedirectP99DurationAlarm",
    {
      alarmName: `${redirect.functionName} p99 duration`,
      alarmDescription:
        `The slowest 1% of tracked-link redirects took over ${REDIRECT_P99_THRESHOLD_MS} ms in 3 ` +
        "of the last 5 minutes: visitors wait. Usually the bus (publish waits up to 1.5 s, then " +
        "the outbox) or the table is slow; see the redirect's log lines " +
        `"link.clicked kept in the outbox". ${RUNBOOKS}`,
      metric: lambdaMetric(redirect, "Duration", cloudwatch.Stats.p(99), Duration.minutes(1)),
      threshold: REDIRECT_P99_THRESHOLD_MS,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
    },
    { ok: true },
  );

  for (const fn of functions.filter(({ role }) => role === "stream")) {
    alarm(
      `${fn.id}IteratorAgeAlarm`,
      {
        alarmName: `${fn.functionName} iterator age`,
        alarmDescription:
          `${fn.functionName} is more than ${ITERATOR_AGE_THRESHOLD.toHumanString()} behind the ` +
          "table's stream: records expire after 24 hours. Check its errors and its on-failure " +
          `queue. ${RUNBOOKS}`,
        metric: lambdaMetric(fn, "IteratorAge", cloudwatch.Stats.MAXIMUM),
        threshold: ITERATOR_AGE_THRESHOLD.toMilliseconds(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      },
      { ok: true },
    );
  }

  for (const fn of functions.filter(({ role }) => role === "async")) {
    const threshold = asyncEventAgeThreshold(fn);
    alarm(
      `${fn.id}AsyncEventAgeAlarm`,
      {
        alarmName: `${fn.functionName} event age`,
        alarmDescription:
          `Events for ${fn.functionName} waited over ${threshold.toHumanString()} before it ` +
          `ran (it drops them to its dead-letter queue after ${fn.maximumEventAge?.toHumanString()}): ` +
          `it is failing and retrying, or throttled. ${RUNBOOKS}`,
        metric: lambdaMetric(fn, "AsyncEventAge", cloudwatch.Stats.MAXIMUM),
        threshold: threshold.toMilliseconds(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      },
      { ok: true },
    );
  }

  const tableThrottles = tableThrottleEvents(table.tableName);
  alarm(
    "TableThrottlesAlarm",
    {
      alarmName: `${app.logicalPrefixedName("table")} throttled`,
      alarmDescription:
        "The table throttled reads or writes for ten minutes (base table or an index): writes " +
        "are failing, clicks go to the outbox and consumers retry. Look for a hot partition key " +
        `in the table's CloudWatch Contributor Insights or a runaway job. ${RUNBOOKS}`,
      metric: tableThrottles,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: TABLE_THROTTLE_PERIODS,
    },
    { ok: true },
  );

  const lostClicks = lostClickMetric(stack, redirect);
  alarm("LostClicksAlarm", {
    alarmName: `${redirect.functionName} lost clicks`,
    alarmDescription:
      `A click was lost: neither the bus nor the outbox took it (log line "${LOST_CLICK_TERM}" ` +
      `in /aws/lambda/${redirect.functionName}, with the event itself). Publish the logged ` +
      `event again and find why the table refused the outbox write. ${RUNBOOKS}`,
    metric: lostClicks,
    threshold: 0,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
  });

  const fiveXx = distribution5xxAlarm(
    stack,
    distribution.distributionId,
    topic,
    app.logicalPrefixedName("distribution"),
  );
  if (fiveXx) alarms.push(fiveXx);

  operationsDashboard(stack, app, {
    functions,
    redirect,
    alarms,
    queueNames: deadLetterQueueNames(app),
    tableName: table.tableName,
    tableThrottles,
    lostClicks,
    distributionId: distribution.distributionId,
  });

  suppressSstStackInternals(stack);
  return { alarms };
}

function asyncEventAgeThreshold(fn: WatchedFunction): Duration {
  if (fn.maximumEventAge === undefined) {
    throw new Error(
      `Monitoring: ${fn.functionName} is invoked asynchronously without a maximum age`,
    );
  }
  const quarter = fn.maximumEventAge.toSeconds() / 4;
  return Duration.seconds(Math.min(quarter, ASYNC_EVENT_AGE_CAP.toSeconds()));
}

/** Read and write throttle events of the table and of each global index, summed. */
function tableThrottleEvents(tableName: string): cloudwatch.MathExpression {
  const scopes: Record<string, string>[] = [
    { TableName: tableName },
    ...globalIndexNames.map((index) => ({ TableName: tableName, GlobalSecondaryIndexName: index })),
  ];
  const usingMetrics: Record<string, cloudwatch.IMetric> = {};
  scopes.forEach((dimensionsMap, index) => {
    for (const [key, metricName] of [
      ["r", "ReadThrottleEvents"],
      ["w", "WriteThrottleEvents"],
    ] as const) {
      usingMetrics[`${key}${index}`] = new cloudwatch.Metric({
        namespace: "AWS/DynamoDB",
        metricName,
        dimensionsMap,
        statistic: cloudwatch.Stats.SUM,
        period: Duration.minutes(5),
      });
    }
  });
  return new cloudwatch.MathExpression({
    expression: `SUM([${Object.keys(usingMetrics).join(",")}])`,
    usingMetrics,
    label: "Throttle events (table and indexes)",
    period: Duration.minutes(5),
  });
}

/**
 * A count of the redirect's "link.clicked lost" lines, in the stage's namespace (shared with the
 * sign-in alarm). The line is matched as a quoted term, so it is found whether Lambda writes it
 * as text or inside its JSON log record.
 */
function lostClickMetric(stack: Stack, redirect: WatchedFunction): cloudwatch.Metric {
  const app = stack.node.root as App;
  const metricNamespace = signInMetricNamespace(app.stage);
  new logs.MetricFilter(stack, "LostClicks", {
    logGroup: logs.LogGroup.fromLogGroupName(
      stack,
      "RedirectLogs",
      `/aws/lambda/${redirect.functionName}`,
    ),
    filterPattern: logs.FilterPattern.literal(`"${LOST_CLICK_TERM}"`),
    metricNamespace,
    metricName: LOST_CLICKS_METRIC,
    metricValue: "1",
  });
  return new cloudwatch.Metric({
    namespace: metricNamespace,
    metricName: LOST_CLICKS_METRIC,
    statistic: cloudwatch.Stats.SUM,
    period: Duration.minutes(5),
  });
}
