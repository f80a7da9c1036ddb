import { readFileSync } from "node:fs";
import { globalIndexNames } from "@sprida/core/dynamo";
import { Log } from "@sprida/core/log";
import { EventRules } from "@sprida/functions/events";
import { JobUnitRule, Schedules } from "@sprida/functions/jobs";
import { StreamConsumers } from "@sprida/functions/streams";
import { App as CdkApp, Stack as CdkStack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import * as sns from "aws-cdk-lib/aws-sns";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { API_HANDLER } from "../../infra/api";
import { FRONT_DOOR_HANDLER } from "../../infra/front-door";
import { distribution5xxAlarm, LOST_CLICK_TERM, LOST_CLICKS_METRIC } from "../../infra/monitoring";
import { REDIRECT_HANDLER } from "../../infra/redirect";
import { type SynthesizedApp, type SynthesizedStack, synthesizeApp } from "./synth";
import {
  allResourcesOfType,
  at,
  type Properties,
  refersTo,
  resourcesOfType,
  single,
} from "./template";

/**
 * The Monitoring stack (infra/monitoring.ts): an alarm on each Sprida function's errors and
 * throttles, the redirect's p99, the stream consumers' iterator age, the event-driven functions'
 * event age, the table's throttling and lost clicks, each on the alerts topic, and the
 * operations dashboard. The functions expected are computed from the shared definitions, so a
 * new one without alarms fails here. Run by app.test.ts, on its synth.
 */

const SYNTH_TIMEOUT = 180_000;
const FIVE_MINUTES = 300;
const HOUR_MS = 60 * 60 * 1000;
/** Stream records leave the table's stream after 24 hours. */
const STREAM_RETENTION_MS = 24 * HOUR_MS;

let app: SynthesizedApp;

beforeAll(async () => {
  app = await synthesizeApp();
}, SYNTH_TIMEOUT);

/** Every handler the app deploys as a function of its own, from the shared definitions. */
const DEFINED_HANDLERS = [...EventRules, ...StreamConsumers, ...Schedules, JobUnitRule]
  .map(({ handler }) => handler as string)
  .concat(API_HANDLER, FRONT_DOOR_HANDLER, REDIRECT_HANDLER);
/** Invoked asynchronously by EventBridge: the event rules, the job units and the schedule. */
const ASYNC_HANDLERS = [...EventRules, JobUnitRule, ...Schedules].map(({ handler }) => handler);

interface DeployedFunction {
  stack: SynthesizedStack;
  logicalId: string;
  handler: string;
  functionName: string;
  properties: Properties;
}

function spridaFunctions(): DeployedFunction[] {
  return allResourcesOfType(app, "AWS::Lambda::Function")
    .filter(({ properties }) => String(properties.Handler).startsWith("packages/functions/src/"))
    .map(({ stack, logicalId, properties }) => ({
      stack,
      logicalId,
      handler: String(properties.Handler),
      functionName: String(properties.FunctionName),
      properties,
    }));
}

function functionWith(handler: string): DeployedFunction {
  const found = spridaFunctions().filter((fn) => fn.handler === handler);
  expect(found, handler).toHaveLength(1);
  return found[0] as DeployedFunction;
}

function monitoringAlarms(): Properties[] {
  return resourcesOfType(app.stacks.Monitoring, "AWS::CloudWatch::Alarm").map(([, alarm]) => alarm);
}

/** The Monitoring alarms on one AWS/Lambda metric of one function. */
function lambdaAlarms(metricName: string, functionName: string): Properties[] {
  return monitoringAlarms().filter(
    (alarm) =>
      alarm.Namespace === "AWS/Lambda" &&
      alarm.MetricName === metricName &&
      JSON.stringify(alarm.Dimensions) ===
        JSON.stringify([{ Name: "FunctionName", Value: functionName }]),
  );
}

function onlyLambdaAlarm(metricName: string, functionName: string): Properties {
  const found = lambdaAlarms(metricName, functionName);
  expect(found, `${metricName} alarm of ${functionName}`).toHaveLength(1);
  return found[0] as Properties;
}

function notifiesAlerts(actions: unknown): boolean {
  const [topicId] = single(app.stacks.Alerts, "AWS::SNS::Topic");
  return (
    Array.isArray(actions) &&
    actions.length === 1 &&
    refersTo(actions[0], app.stacks.Alerts, topicId)
  );
}

/** A template value built with Fn::Join, as one string (references as their JSON). */
function flatten(value: unknown): string {
  const parts = at(value, "Fn::Join", 1);
  if (Array.isArray(parts)) {
    return parts.map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join("");
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * How CloudWatch Logs applies a filter pattern that is one quoted term: the event matches when
 * it contains the exact phrase, case and punctuation included. Anything else is refused here,
 * so a change to the pattern's kind also changes this test.
 */
function cloudWatchMatches(pattern: string, logEvent: string): boolean {
  const term = /^"([^"]+)"$/.exec(pattern)?.[1];
  if (term === undefined) throw new Error(`Not a single quoted term: ${pattern}`);
  return logEvent.includes(term);
}

/** The message follow.ts logs when a click is lost, read from its source. */
function lostClickMessage(): string {
  const source = readFileSync(
    new URL("../../packages/core/src/click/follow.ts", import.meta.url),
    "utf8",
  );
  const messages = [...source.matchAll(/Log\.error\(\s*"([^"]+)"/g)].map((match) => match[1]);
  const lost = messages.filter((message) => message?.startsWith(LOST_CLICK_TERM));
  expect(lost).toHaveLength(1);
  return lost[0] as string;
}

/** One line as the redirect writes it on Lambda: Powertools' JSON record. */
function loggedOnLambda(write: () => void): string {
  const written: string[] = [];
  const capture = ((chunk: unknown) => written.push(String(chunk)) > 0) as never;
  const out = vi.spyOn(process.stdout, "write").mockImplementation(capture);
  const err = vi.spyOn(process.stderr, "write").mockImplementation(capture);
  const previous = Log.useBackend(Log.powertoolsBackend());
  try {
    write();
    return written.join("").trim();
  } finally {
    Log.useBackend(previous);
    out.mockRestore();
    err.mockRestore();
  }
}

describe("Monitoring: alarms of every Sprida function", () => {
  test("watches exactly the functions of the shared definitions", () => {
    expect(
      spridaFunctions()
        .map(({ handler }) => handler)
        .sort(),
    ).toEqual([...DEFINED_HANDLERS].sort());
  });

  test.each(DEFINED_HANDLERS)("%s: an alarm on its first error in five minutes", (handler) => {
    const { functionName } = functionWith(handler);
    const alarm = onlyLambdaAlarm("Errors", functionName);
    expect(alarm).toMatchObject({
      Statistic: "Sum",
      Period: FIVE_MINUTES,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      Threshold: 1,
      EvaluationPeriods: 1,
    });
  });

  test.each(DEFINED_HANDLERS)("%s: an alarm on throttling, unless paced by design", (handler) => {
    const { functionName, properties } = functionWith(handler);
    const alarms = lambdaAlarms("Throttles", functionName);
    // Invoked asynchronously with reserved concurrency (the weekly sender, the ingest): its
    // pace is kept by throttling, Lambda's queue holds its events, and the event age alarm
    // watches the backlog.
    const pacedByDesign =
      ASYNC_HANDLERS.includes(handler as never) &&
      properties.ReservedConcurrentExecutions !== undefined;
    if (pacedByDesign) {
      expect(alarms).toHaveLength(0);
      expect(lambdaAlarms("AsyncEventAge", functionName)).toHaveLength(1);
      return;
    }
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({
      Statistic: "Sum",
      Period: FIVE_MINUTES,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      Threshold: 1,
    });
  });

  test("the weekly sender is paced by throttling; the redirect, reserved too, refuses visitors when throttled", () => {
    const weekly = EventRules.find((rule) => rule.concurrency !== undefined);
    expect(weekly).toBeDefined();
    expect(lambdaAlarms("Throttles", functionWith(weekly?.handler ?? "").functionName)).toEqual([]);
    const redirect = functionWith(REDIRECT_HANDLER);
    expect(lambdaAlarms("Throttles", redirect.functionName)).toHaveLength(1);
  });

  test("alarms when the redirect's p99 exceeds a second in 3 of 5 minutes", () => {
    const { functionName } = functionWith(REDIRECT_HANDLER);
    expect(onlyLambdaAlarm("Duration", functionName)).toMatchObject({
      ExtendedStatistic: "p99",
      Period: 60,
      ComparisonOperator: "GreaterThanThreshold",
      Threshold: 1_000,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
    });
  });

  test.each(StreamConsumers.map((consumer) => [consumer.id, consumer] as const))(
    "stream consumer %s: an alarm an hour behind, long before its records expire",
    (_id, consumer) => {
      const { functionName } = functionWith(consumer.handler);
      const alarm = onlyLambdaAlarm("IteratorAge", functionName);
      expect(alarm).toMatchObject({
        Statistic: "Maximum",
        ComparisonOperator: "GreaterThanThreshold",
        Threshold: HOUR_MS,
      });
      expect(alarm.Threshold as number).toBeLessThan(
        Math.min(STREAM_RETENTION_MS, consumer.maximumRecordAgeSeconds * 1000) / 4,
      );
    },
  );

  test.each(ASYNC_HANDLERS)(
    "%s: an alarm on event age, well before Lambda drops the event",
    (handler) => {
      const fn = functionWith(handler);
      const alarm = onlyLambdaAlarm("AsyncEventAge", fn.functionName);
      const [, invokeConfig] = single(fn.stack, "AWS::Lambda::EventInvokeConfig", (config) =>
        refersTo(config.FunctionName, fn.stack, fn.logicalId),
      );
      const maximumAgeMs = Number(invokeConfig.MaximumEventAgeInSeconds) * 1000;
      expect(maximumAgeMs).toBeGreaterThan(0);
      expect(alarm).toMatchObject({
        Statistic: "Maximum",
        ComparisonOperator: "GreaterThanThreshold",
      });
      expect(alarm.Threshold as number).toBeLessThanOrEqual(maximumAgeMs / 4);
      expect(alarm.Threshold as number).toBeLessThanOrEqual(30 * 60 * 1000);
    },
  );

  test("no HTTP function gets an event age or iterator age alarm", () => {
    for (const handler of [API_HANDLER, FRONT_DOOR_HANDLER, REDIRECT_HANDLER]) {
      const { functionName } = functionWith(handler);
      expect(lambdaAlarms("AsyncEventAge", functionName)).toHaveLength(0);
      expect(lambdaAlarms("IteratorAge", functionName)).toHaveLength(0);
    }
  });
});

describe("Monitoring: the table, lost clicks and CloudFront", () => {
  test("alarms on read and write throttling of the table and each index for ten minutes", () => {
    const { Storage } = app.stacks;
    const [tableId] = single(Storage, "AWS::DynamoDB::Table");
    const [, alarm] = single(app.stacks.Monitoring, "AWS::CloudWatch::Alarm", (candidate) =>
      String(candidate.AlarmName).endsWith("table throttled"),
    );
    expect(alarm).toMatchObject({
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      Threshold: 1,
      EvaluationPeriods: 2,
    });
    const stats = (alarm.Metrics as Properties[]).filter((metric) => metric.MetricStat);
    const watched = stats.map((metric) => {
      const dimensions = at(metric, "MetricStat", "Metric", "Dimensions") as Properties[];
      expect(
        refersTo(dimensions.find((d) => d.Name === "TableName")?.Value, Storage, tableId),
      ).toBe(true);
      const index = dimensions.find((d) => d.Name === "GlobalSecondaryIndexName")?.Value;
      return `${at(metric, "MetricStat", "Metric", "MetricName")}:${index ?? "table"}`;
    });
    const expected = ["table", ...globalIndexNames].flatMap((scope) => [
      `ReadThrottleEvents:${scope}`,
      `WriteThrottleEvents:${scope}`,
    ]);
    expect(watched.sort()).toEqual(expected.sort());
    const [expression] = (alarm.Metrics as Properties[]).filter((metric) => metric.Expression);
    expect(expression?.ReturnData).not.toBe(false);
    expect(String(expression?.Expression)).toMatch(/^SUM\(\[/);
  });

  test("counts the redirect's lost-click lines from its own log group", () => {
    const { Api, Monitoring } = app.stacks;
    const redirect = functionWith(REDIRECT_HANDLER);
    const logGroupId = (at(redirect.properties, "LoggingConfig", "LogGroup") as { Ref: string })
      .Ref;
    const logGroupName = at(Api.resources[logGroupId], "Properties", "LogGroupName");
    expect(logGroupName).toBe(`/aws/lambda/${redirect.functionName}`);

    const [, filter] = single(Monitoring, "AWS::Logs::MetricFilter");
    expect(filter.LogGroupName).toBe(logGroupName);
    expect(filter.FilterPattern).toBe(`"${LOST_CLICK_TERM}"`);
    expect(filter.MetricTransformations).toEqual([
      { MetricNamespace: "Sprida/test", MetricName: LOST_CLICKS_METRIC, MetricValue: "1" },
    ]);
  });

  test("the filter matches the line follow.ts logs for a lost click, not the outbox fallback", () => {
    const [, filter] = single(app.stacks.Monitoring, "AWS::Logs::MetricFilter");
    const pattern = String(filter.FilterPattern);
    const lost = loggedOnLambda(() =>
      Log.error(lostClickMessage(), {
        publishError: new Error("bus down"),
        outboxError: new Error("table down"),
      }),
    );
    const kept = loggedOnLambda(() =>
      Log.warn("link.clicked kept in the outbox", { eventId: "abc.123" }),
    );

    expect(JSON.parse(lost)).toMatchObject({ level: "ERROR", message: lostClickMessage() });
    expect(cloudWatchMatches(pattern, lost)).toBe(true);
    expect(cloudWatchMatches(pattern, kept)).toBe(false);
  });

  test("alarms on the first lost click", () => {
    const [, alarm] = single(
      app.stacks.Monitoring,
      "AWS::CloudWatch::Alarm",
      (candidate) => candidate.MetricName === LOST_CLICKS_METRIC,
    );
    expect(alarm).toMatchObject({
      Namespace: "Sprida/test",
      Statistic: "Sum",
      Period: FIVE_MINUTES,
      ComparisonOperator: "GreaterThanThreshold",
      Threshold: 0,
      EvaluationPeriods: 1,
    });
  });

  test("has no CloudFront alarm outside us-east-1, where it would never see a datapoint", () => {
    expect(
      allResourcesOfType(app, "AWS::CloudWatch::Alarm").filter(
        ({ properties }) => properties.Namespace === "AWS/CloudFront",
      ),
    ).toEqual([]);
  });

  test("alarms on the distribution's 5xx rate when the stage is deployed in us-east-1", () => {
    const cdkApp = new CdkApp();
    const inUsEast = new CdkStack(cdkApp, "UsEast", { env: { region: "us-east-1" } });
    const inEurope = new CdkStack(cdkApp, "Europe", { env: { region: "eu-north-1" } });
    const topicIn = (stack: CdkStack) => new sns.Topic(stack, "Alerts");

    expect(distribution5xxAlarm(inEurope, "E2EXAMPLE", topicIn(inEurope), "x")).toBeUndefined();
    expect(distribution5xxAlarm(inUsEast, "E2EXAMPLE", topicIn(inUsEast), "x")).toBeDefined();
    const template = Template.fromStack(inUsEast);
    const [topicId] = Object.keys(template.findResources("AWS::SNS::Topic"));
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: "AWS/CloudFront",
      MetricName: "5xxErrorRate",
      Dimensions: [
        { Name: "DistributionId", Value: "E2EXAMPLE" },
        { Name: "Region", Value: "Global" },
      ],
      Statistic: "Average",
      Threshold: 5,
      EvaluationPeriods: 2,
      TreatMissingData: "notBreaching",
      AlarmActions: [{ Ref: topicId }],
    });
  });
});

describe("Monitoring: every alarm and the dashboard", () => {
  test("every alarm notifies the alerts topic, ignores missing data and names its runbook", () => {
    const alarms = monitoringAlarms();
    expect(alarms.length).toBeGreaterThanOrEqual(2 * DEFINED_HANDLERS.length);
    for (const alarm of alarms) {
      expect(notifiesAlerts(alarm.AlarmActions), String(alarm.AlarmName)).toBe(true);
      expect(alarm.TreatMissingData).toBe("notBreaching");
      expect(String(alarm.AlarmDescription)).toContain("README → Operations");
    }
  });

  test("is deployed after every stack it watches by name, so the redirect's log group exists", () => {
    const { Monitoring, Bus, Api, Streams, Jobs } = app.stacks;
    for (const watched of [Bus, Api, Streams, Jobs]) {
      expect(Monitoring.dependsOn).toContain(watched.stackName);
    }
  });

  test("one operations dashboard graphs the redirect, every function, queue, the table and CloudFront", () => {
    const [, dashboard] = single(app.stacks.Monitoring, "AWS::CloudWatch::Dashboard");
    expect(dashboard.DashboardName).toBe("test-sprida-operations");
    const body = flatten(dashboard.DashboardBody);
    for (const { functionName } of spridaFunctions()) expect(body).toContain(functionName);
    expect(body).toContain(`"FunctionName","${functionWith(REDIRECT_HANDLER).functionName}"`);
    for (const { properties } of allResourcesOfType(app, "AWS::SQS::Queue")) {
      expect(body).toContain(String(properties.QueueName));
    }
    for (const metric of [
      "IteratorAge",
      "AsyncEventAge",
      "ConsumedWriteCapacityUnits",
      "WriteThrottleEvents",
      LOST_CLICKS_METRIC,
    ]) {
      expect(body).toContain(metric);
    }
    // CloudFront's metrics are read where they live.
    expect(body).toMatch(/"AWS\/CloudFront","5xxErrorRate".*"region":"us-east-1"/);
  });
});
