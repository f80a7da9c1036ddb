import { globalIndexNames, indexKeyAttributes, TableDefinition } from "@sprida/core/dynamo";
import { resolvePublicOrigin } from "@sprida/core/runtime";
import { EventRules } from "@sprida/functions/events";
import { JobUnitRule, Schedules } from "@sprida/functions/jobs";
import { StreamConsumers } from "@sprida/functions/streams";
import { Match } from "aws-cdk-lib/assertions";
import type { App } from "sst/constructs";
import { beforeAll, describe, expect, test } from "vitest";
import { API_HANDLER, API_PATH_PATTERN } from "../../infra/api";
import { FRONT_DOOR_HANDLER } from "../../infra/front-door";
import { REDIRECT_HANDLER, REDIRECT_PATH_PATTERN } from "../../infra/redirect";
import {
  deploySettings,
  publicOriginSource,
  runtimeSettingsEnvironment,
} from "../../infra/settings";
import {
  STACK_NAMES,
  type SynthesizedApp,
  type SynthesizedStack,
  synthesizeApp,
  TEST_DEPLOY_ENV,
} from "./synth";
import {
  allResourcesOfType,
  at,
  mentions,
  type Properties,
  refersTo,
  resourcesOfType,
  roleStatements,
  single,
} from "./template";
// Suites of their own that assert on the same synth: SST synthesizes once per process, and
// parallel synths in two workers would share (and race on) .sst/artifacts.
import "./dead-letters.suite";
import "./encryption.suite";
import "./front-door.suite";
import "./jobs.suite";
import "./monitoring.suite";
import "./permissions.suite";
import "./sign-in-alarm.suite";
import "./web-site.suite";

/**
 * The whole app (sst.config.ts with stage "test") synthesized once, offline, with cdk-nag's
 * AwsSolutions checks. Rules, stream consumers and schedules are iterated from their shared
 * definitions, so a new one is checked without touching this file.
 */

const SYNTH_TIMEOUT = 240_000;
/**
 * The most each handler's unzipped bundle may weigh (minified, the AWS SDK left to the runtime;
 * Lambda allows 250 MB), in KiB, about 10 % above today's size so growth is a decision. The
 * e-mail renderer (MJML, about 3 MB) is in every function that renders or may render mail.
 */
const BUNDLE_LIMIT_KIB: Record<string, number> = {
  // The public hot path: no ElectroDB and no full zod (its reads, salt, secrets and event go
  // through the contract-tested `*.lean.ts` stores; README "Performance").
  "packages/functions/src/http/redirect/handler.handler": 150,
  "packages/functions/src/events/ingest.handler": 1_100,
  "packages/functions/src/events/member-left.handler": 1_100,
  "packages/functions/src/streams/tally.handler": 1_100,
  "packages/functions/src/streams/webhooks.handler": 1_100,
  "packages/functions/src/events/invitation-mail.handler": 4_900,
  "packages/functions/src/events/weekly-mail.handler": 5_250,
  "packages/functions/src/events/mail-events.handler": 5_250,
  "packages/functions/src/http/api.handler": 5_400,
  "packages/functions/src/http/front-door/handler.handler": 5_400,
  "packages/functions/src/jobs/tick.handler": 5_300,
  "packages/functions/src/jobs/unit.handler": 5_300,
};
const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 60 * 60;
/** Lambda's asynchronous invocation allows at most 2 retries and 6 hours. */
const LAMBDA_ASYNC_MAX_RETRIES = 2;
const LAMBDA_ASYNC_MAX_EVENT_AGE_SECONDS = 6 * 60 * 60;
/** Without SPRIDA_DOMAIN (the test synth) functions read the public origin from here. */
const PUBLIC_ORIGIN_PARAMETER = "/sprida/test/public-origin";
/** The stage's SES configuration set: every function sends through it. */
const MAIL_CONFIGURATION_SET = "sprida-test-mail";
/** The AWS-managed cache policy "CachingDisabled". */
const CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
/** CloudFront's default quota of headers in an origin request policy. */
const ORIGIN_REQUEST_POLICY_HEADER_QUOTA = 10;

let app: SynthesizedApp;

beforeAll(async () => {
  app = await synthesizeApp();
}, SYNTH_TIMEOUT);

function handlerFunction(stack: SynthesizedStack, handler: string): [string, Properties] {
  return single(stack, "AWS::Lambda::Function", (fn) => fn.Handler === handler);
}

function queueOf(stack: SynthesizedStack, arn: unknown): [string, Properties] {
  const found = resourcesOfType(stack, "AWS::SQS::Queue").find(([id]) =>
    refersTo(arn, stack, id, "Arn"),
  );
  if (found === undefined)
    throw new Error(`${JSON.stringify(arn)} is no queue of ${stack.stackName}`);
  return found;
}

/** The alarm on a queue's visible messages, which notifies the alerts topic. */
function expectAlarmOn(stack: SynthesizedStack, queueId: string): void {
  const alarms = resourcesOfType(stack, "AWS::CloudWatch::Alarm").filter(([, alarm]) =>
    refersTo(at(alarm, "Dimensions", 0, "Value"), stack, queueId, "QueueName"),
  );
  expect(alarms).toHaveLength(1);
  const [, alarm] = alarms[0] ?? ["", {}];
  expect(alarm).toMatchObject({
    Namespace: "AWS/SQS",
    MetricName: "ApproximateNumberOfMessagesVisible",
    ComparisonOperator: "GreaterThanThreshold",
    Threshold: 0,
    EvaluationPeriods: 1,
  });
  expect(notifiesAlerts(alarm.AlarmActions)).toBe(true);
}

/** "arn:${Partition}:ssm:...:parameter/x" rendered as one string, references as their JSON. */
function flatten(value: unknown): string {
  const parts = at(value, "Fn::Join", 1);
  if (Array.isArray(parts)) {
    return parts.map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join("");
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

function alertsTopicId(): string {
  const [topicId] = single(app.stacks.Alerts, "AWS::SNS::Topic");
  return topicId;
}

function notifiesAlerts(actions: unknown): boolean {
  return (
    Array.isArray(actions) &&
    actions.some((action) => refersTo(action, app.stacks.Alerts, alertsTopicId()))
  );
}

describe("the app", () => {
  test("composes the stacks of sst.config.ts, named per stage", () => {
    expect(STACK_NAMES.map((name) => app.stacks[name].stackName)).toEqual(
      STACK_NAMES.map((name) => `test-sprida-${name}`),
    );
    console.info(`infra synth (all stacks, bundles, cdk-nag): ${app.seconds.toFixed(1)} s`);
  });

  test("has no cdk-nag AwsSolutions finding left (fixed or suppressed with a reason)", () => {
    const findings = app.nag.filter(({ level }) => level === "error" || level === "warning");
    expect(findings.map(({ path, data }) => `${path}: ${data}`)).toEqual([]);
  });

  test("runs every Lambda function on nodejs22.x (CDK's BucketDeployment handler excepted)", () => {
    // The handler that uploads the web app (infra/web-site.ts) is CDK's own, in Python.
    const uploadsFiles = (stack: SynthesizedStack, logicalId: string) =>
      resourcesOfType(stack, "Custom::CDKBucketDeployment").some(([, deployment]) =>
        refersTo(deployment.ServiceToken, stack, logicalId, "Arn"),
      );
    const functions = allResourcesOfType(app, "AWS::Lambda::Function").filter(
      ({ stack, logicalId }) => !uploadsFiles(stack, logicalId),
    );
    expect(functions.length).toBeGreaterThan(0);
    for (const { logicalId, properties } of functions) {
      expect({ logicalId, runtime: properties.Runtime }).toEqual({
        logicalId,
        runtime: "nodejs22.x",
      });
    }
  });

  test("deploys exactly one function per shared handler definition", () => {
    const handlers = allResourcesOfType(app, "AWS::Lambda::Function")
      .map(({ properties }) => String(properties.Handler))
      .filter((handler) => handler.startsWith("packages/functions/src/"))
      .sort();
    const defined = [...EventRules, ...StreamConsumers, ...Schedules, JobUnitRule]
      .map(({ handler }) => handler as string)
      .concat(API_HANDLER, FRONT_DOOR_HANDLER, REDIRECT_HANDLER)
      .sort();
    expect(handlers).toEqual(defined);
  });

  test("gives every handler the runtime environment, arm64, JSON logs and settings access", () => {
    const { Storage, Bus } = app.stacks;
    const [tableId] = single(Storage, "AWS::DynamoDB::Table");
    const [busId] = single(Bus, "AWS::Events::EventBus");
    for (const stack of Object.values(app.stacks)) {
      for (const [id, fn] of resourcesOfType(stack, "AWS::Lambda::Function")) {
        if (!String(fn.Handler).startsWith("packages/functions/src/")) continue;
        const variables = at(fn, "Environment", "Variables") as Properties;
        expect(variables.SPRIDA_STAGE).toBe("test");
        expect(refersTo(variables.SPRIDA_TABLE_NAME, Storage, tableId)).toBe(true);
        expect(refersTo(variables.SPRIDA_EVENT_BUS_NAME, Bus, busId)).toBe(true);
        // packages/core/src/runtime requires the sender; the public origin comes from SSM here,
        // except to the redirect, which builds no link to the site and reads nothing at cold
        // start (infra/function.ts, buildsLinks).
        const buildsLinks = fn.Handler !== REDIRECT_HANDLER;
        expect(variables.SPRIDA_MAIL_FROM).toBe(TEST_DEPLOY_ENV.SPRIDA_MAIL_FROM);
        expect(variables.SPRIDA_PUBLIC_ORIGIN_PARAMETER).toBe(
          buildsLinks ? PUBLIC_ORIGIN_PARAMETER : undefined,
        );
        expect(variables.SPRIDA_PUBLIC_ORIGIN).toBeUndefined();
        expect(fn.Architectures).toEqual(["arm64"]);
        expect(at(fn, "LoggingConfig", "LogFormat")).toBe("JSON");
        const logGroupId = (at(fn, "LoggingConfig", "LogGroup") as { Ref: string }).Ref;
        expect(at(stack.resources[logGroupId], "Properties", "RetentionInDays")).toBeGreaterThan(0);

        // Which functions may publish, and what else each may do: permissions.suite.ts.
        const statements = roleStatements(stack, fn);
        const getParameter = statements.filter(
          (s) =>
            s.Action === "ssm:GetParameter" &&
            flatten(s.Resource).includes(PUBLIC_ORIGIN_PARAMETER),
        );
        expect(getParameter, `${id} may read the public origin`).toHaveLength(buildsLinks ? 1 : 0);
        if (buildsLinks) {
          expect(flatten(getParameter[0]?.Resource)).toMatch(
            new RegExp(`:ssm:[^:]+:[^:]+:parameter${PUBLIC_ORIGIN_PARAMETER}$`),
          );
        }
        const actions = statements.flatMap((s) => [s.Action].flat());
        expect(actions, `${id} has no wildcard actions`).not.toContainEqual(
          expect.stringMatching(/\*/),
        );
      }
    }
  });

  test("builds every handler bundle without the AWS SDK, each under its own size limit", () => {
    const handlers = app.bundles.filter(({ handler }) =>
      handler.startsWith("packages/functions/src/"),
    );
    expect(handlers).toHaveLength(
      // The job units' runner, the API, the front door and the redirect.
      EventRules.length + StreamConsumers.length + Schedules.length + 1 + 3,
    );
    expect(handlers.map(({ handler }) => handler).sort()).toEqual(
      Object.keys(BUNDLE_LIMIT_KIB).sort(),
    );
    for (const bundle of handlers) {
      // Every handler reads the table through the runtime's SDK (infra/bundle.ts).
      expect(bundle.runtimeImports, bundle.handler).toContain("@aws-sdk/client-dynamodb");
      expect(bundle.bytes, bundle.handler).toBeGreaterThan(0);
      expect(bundle.bytes / 1024, bundle.handler).toBeLessThan(
        BUNDLE_LIMIT_KIB[bundle.handler] ?? 0,
      );
    }
    console.info(
      handlers.map(({ handler, bytes }) => `${handler}: ${(bytes / 1024).toFixed(0)} KiB`),
    );
  });

  test("encrypts every queue, requires TLS, keeps messages 14 days and alarms on it", () => {
    const queues = allResourcesOfType(app, "AWS::SQS::Queue");
    // One more: the job units' dead letters (tests/infra/jobs.suite.ts).
    expect(queues).toHaveLength(EventRules.length + StreamConsumers.length + Schedules.length + 1);
    for (const { stack, logicalId, properties } of queues) {
      expect(properties.SqsManagedSseEnabled).toBe(true);
      expect(properties.MessageRetentionPeriod).toBe(DEAD_LETTER_RETENTION_SECONDS);
      const policies = resourcesOfType(stack, "AWS::SQS::QueuePolicy").filter(([, policy]) =>
        (policy.Queues as unknown[]).some((queue) => refersTo(queue, stack, logicalId)),
      );
      const statements = policies.flatMap(
        ([, policy]) => at(policy, "PolicyDocument", "Statement") as Properties[],
      );
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: "Deny",
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        }),
      );
      expectAlarmOn(stack, logicalId);
    }
  });

  test("sends every alarm to the stage's alerts topic", () => {
    const [, topic] = single(app.stacks.Alerts, "AWS::SNS::Topic");
    expect(topic.TopicName).toBe("test-sprida-alerts");
    const alarms = allResourcesOfType(app, "AWS::CloudWatch::Alarm");
    expect(alarms.length).toBeGreaterThan(0);
    for (const { properties } of alarms) {
      expect(notifiesAlerts(properties.AlarmActions)).toBe(true);
    }
    app.stacks.Alerts.template.hasResourceProperties("AWS::SNS::TopicPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Deny",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          }),
        ]),
      },
    });
  });
});

describe("Storage: the single table from TableDefinition", () => {
  test("is the only table of the app", () => {
    expect(allResourcesOfType(app, "AWS::DynamoDB::Table")).toHaveLength(1);
  });

  test("has the definition's keys and global indexes", () => {
    const [, table] = single(app.stacks.Storage, "AWS::DynamoDB::Table");
    expect(table.KeySchema).toEqual([
      { AttributeName: TableDefinition.partitionKey, KeyType: "HASH" },
      { AttributeName: TableDefinition.sortKey, KeyType: "RANGE" },
    ]);
    const keyAttributes = indexKeyAttributes().flatMap(({ attributes }) => attributes);
    expect(table.AttributeDefinitions).toEqual(
      keyAttributes.map((name) => ({ AttributeName: name, AttributeType: "S" })),
    );
    expect(table.GlobalSecondaryIndexes).toHaveLength(globalIndexNames.length);
    for (const name of globalIndexNames) {
      const index = TableDefinition.globalIndexes[name];
      expect(table.GlobalSecondaryIndexes).toContainEqual({
        IndexName: name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: "HASH" },
          { AttributeName: index.sortKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      });
    }
  });

  test("streams new and old images, expires by TTL, recovers to a point in time", () => {
    const [, table] = single(app.stacks.Storage, "AWS::DynamoDB::Table");
    expect(table.StreamSpecification).toEqual({ StreamViewType: TableDefinition.stream });
    expect(table.TimeToLiveSpecification).toEqual({
      AttributeName: TableDefinition.timeToLiveAttribute,
      Enabled: true,
    });
    expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.BillingMode).toBe("PAY_PER_REQUEST");
    // AWS-managed key (aws/dynamodb): SSE enabled without a customer key.
    expect(table.SSESpecification).toEqual({ SSEEnabled: true });
  });

  test("is disposable on a stage other than production", () => {
    const [tableId, table] = single(app.stacks.Storage, "AWS::DynamoDB::Table");
    expect(table.DeletionProtectionEnabled).toBe(false);
    expect(app.stacks.Storage.resources[tableId]?.DeletionPolicy).toBe("Delete");
  });
});

describe("Bus: the event bus and one rule per EventRule", () => {
  test("has the stage's bus and exactly the shared rules on it", () => {
    const { Bus } = app.stacks;
    const [busId, bus] = single(Bus, "AWS::Events::EventBus");
    expect(bus.Name).toBe("test-sprida-Bus");
    const rules = resourcesOfType(Bus, "AWS::Events::Rule").filter(([, rule]) =>
      refersTo(rule.EventBusName, Bus, busId),
    );
    expect(rules).toHaveLength(EventRules.filter((rule) => rule.bus !== "aws-default").length);
  });

  test.each(EventRules.map((rule) => [rule.id, rule] as const))(
    "rule %s: its exact pattern, retries and a dead-letter queue with an alarm",
    (_id, rule) => {
      const { Bus } = app.stacks;
      const [busId] = single(Bus, "AWS::Events::EventBus");
      // SES's events arrive on the account's default bus; everything else on the stage's.
      const onItsBus = (candidate: Properties) =>
        rule.bus === "aws-default"
          ? flatten(candidate.EventBusName) === "default"
          : refersTo(candidate.EventBusName, Bus, busId);
      const [, eventRule] = single(
        Bus,
        "AWS::Events::Rule",
        (candidate) =>
          onItsBus(candidate) &&
          JSON.stringify(candidate.EventPattern) === JSON.stringify(rule.pattern),
      );
      expect(eventRule.EventPattern).toEqual(rule.pattern);
      const [functionId, fn] = handlerFunction(Bus, rule.handler);
      const targets = eventRule.Targets as Properties[];
      expect(targets).toHaveLength(1);
      const [target] = targets;
      expect(refersTo(target?.Arn, Bus, functionId, "Arn")).toBe(true);
      expect(target?.RetryPolicy).toEqual({
        MaximumRetryAttempts: rule.maximumRetryAttempts,
        MaximumEventAgeInSeconds: rule.maximumEventAgeSeconds,
      });
      const [queueId] = queueOf(Bus, at(target, "DeadLetterConfig", "Arn"));
      expectAlarmOn(Bus, queueId);

      // A handler that throws is retried by Lambda's async invocation, then dead-lettered to
      // the same queue (its messages are the events themselves, like EventBridge's).
      expect(refersTo(at(fn, "DeadLetterConfig", "TargetArn"), Bus, queueId, "Arn")).toBe(true);
      const [, invokeConfig] = single(Bus, "AWS::Lambda::EventInvokeConfig", (config) =>
        refersTo(config.FunctionName, Bus, functionId),
      );
      expect(invokeConfig.MaximumRetryAttempts).toBe(
        Math.min(rule.maximumRetryAttempts, LAMBDA_ASYNC_MAX_RETRIES),
      );
      expect(invokeConfig.MaximumEventAgeInSeconds).toBe(
        Math.min(rule.maximumEventAgeSeconds, LAMBDA_ASYNC_MAX_EVENT_AGE_SECONDS),
      );
    },
  );
});

/** SendEmail only, as SPRIDA_MAIL_FROM's identity, through the stage's configuration set. */
function expectSendsOnlyAsOurSender(statement: Properties | undefined) {
  expect(statement).toMatchObject({
    Effect: "Allow",
    Action: "ses:SendEmail",
    Condition: { StringEquals: { "ses:FromAddress": TEST_DEPLOY_ENV.SPRIDA_MAIL_FROM } },
  });
  const resources = [statement?.Resource].flat().map(flatten);
  expect(resources).toHaveLength(2);
  expect(resources[0]).toMatch(/:ses:[^:]+:[^:]+:identity\/mail\.example\.org$/);
  expect(resources[1]).toMatch(/:ses:[^:]+:[^:]+:configuration-set\/sprida-test-mail$/);
}

describe("Bus: who may send e-mail", () => {
  const sesStatements = (fn: Properties) =>
    roleStatements(app.stacks.Bus, fn).filter((statement) =>
      [statement.Action].flat().some((action) => String(action).startsWith("ses:")),
    );

  test("the invitation-mail rule is on the bus for member.invited, and its function may send as SPRIDA_MAIL_FROM", () => {
    const rule = EventRules.find((candidate) => candidate.id === "invitation-mail");
    expect(rule?.pattern).toEqual({ source: ["sprida"], "detail-type": ["member.invited"] });
    expect(rule?.sendsMail).toBe(true);
    const [, fn] = handlerFunction(app.stacks.Bus, rule?.handler ?? "");
    const sends = sesStatements(fn);
    expect(sends).toHaveLength(1);
    expectSendsOnlyAsOurSender(sends[0]);
  });

  test("the weekly sender sends each weekly.batch, one instance at a time, at SES's pace, through the configuration set", () => {
    const rule = EventRules.find((candidate) => candidate.id === "weekly-mail");
    expect(rule?.pattern).toEqual({ source: ["sprida"], "detail-type": ["weekly.batch"] });
    const [, fn] = handlerFunction(app.stacks.Bus, rule?.handler ?? "");
    expect(fn.ReservedConcurrentExecutions).toBe(1);
    const variables = at(fn, "Environment", "Variables") as Record<string, string>;
    expect(variables.SPRIDA_MAIL_PER_SECOND).toBe("14");
    expect(variables.SPRIDA_MAIL_CONFIGURATION_SET).toBe(MAIL_CONFIGURATION_SET);
    expect(variables.SPRIDA_KMS_KEY_ARN).toBeDefined();
    const sends = sesStatements(fn);
    expect(sends).toHaveLength(1);
    expectSendsOnlyAsOurSender(sends[0]);
  });

  test("SES's bounces and complaints reach the suppression handler through the account's default bus", () => {
    const [setId, set] = single(app.stacks.Bus, "AWS::SES::ConfigurationSet");
    expect(set.Name).toBe(MAIL_CONFIGURATION_SET);
    expect(at(set, "SuppressionOptions", "SuppressedReasons")).toEqual(["BOUNCE", "COMPLAINT"]);
    const [, destination] = single(app.stacks.Bus, "AWS::SES::ConfigurationSetEventDestination");
    expect(refersTo(destination.ConfigurationSetName, app.stacks.Bus, setId)).toBe(true);
    expect(at(destination, "EventDestination", "Enabled")).toBe(true);
    expect(at(destination, "EventDestination", "MatchingEventTypes")).toEqual([
      "bounce",
      "complaint",
    ]);
    expect(
      flatten(at(destination, "EventDestination", "EventBridgeDestination", "EventBusArn")),
    ).toMatch(/:event-bus\/default$/);
    const rule = EventRules.find((candidate) => candidate.id === "mail-events");
    const [fnId, fn] = handlerFunction(app.stacks.Bus, rule?.handler ?? "");
    const [, eventRule] = single(
      app.stacks.Bus,
      "AWS::Events::Rule",
      (candidate) => JSON.stringify(candidate.EventPattern) === JSON.stringify(rule?.pattern),
    );
    expect(flatten(eventRule.EventBusName)).toBe("default");
    const [target] = eventRule.Targets as Properties[];
    expect(refersTo(target?.Arn, app.stacks.Bus, fnId, "Arn")).toBe(true);
    expect(at(target, "DeadLetterConfig", "Arn")).toBeDefined();
    expect(sesStatements(fn)).toEqual([]);
  });

  test("the sender's domain is an SES identity with DKIM, sending through the configuration set", () => {
    const [, identity] = single(app.stacks.Bus, "AWS::SES::EmailIdentity");
    expect(identity.EmailIdentity).toBe("mail.example.org");
    expect(at(identity, "DkimAttributes", "SigningEnabled")).toBe(true);
    expect(at(identity, "ConfigurationSetAttributes", "ConfigurationSetName")).toBeDefined();
    const outputs = Object.keys(app.stacks.Bus.outputs);
    expect(outputs.filter((name) => name.startsWith("MailDkimRecord"))).toHaveLength(3);
  });

  test("no other rule's function may send e-mail", () => {
    for (const rule of EventRules.filter((candidate) => !candidate.sendsMail)) {
      const [, fn] = handlerFunction(app.stacks.Bus, rule.handler);
      expect(sesStatements(fn), rule.id).toEqual([]);
    }
  });
});

describe("Streams: one event source mapping per StreamConsumer", () => {
  test("maps exactly the shared consumers", () => {
    expect(allResourcesOfType(app, "AWS::Lambda::EventSourceMapping")).toHaveLength(
      StreamConsumers.length,
    );
  });

  test.each(StreamConsumers.map((consumer) => [consumer.id, consumer] as const))(
    "consumer %s: batching, time limit, filters, retries, partial failures, on-failure queue with alarm",
    (_id, consumer) => {
      const { Streams, Storage } = app.stacks;
      const [tableId] = single(Storage, "AWS::DynamoDB::Table");
      const [functionId, fn] = handlerFunction(Streams, consumer.handler);
      expect(fn.Timeout).toBe(consumer.timeoutSeconds);
      const [, mapping] = single(Streams, "AWS::Lambda::EventSourceMapping", (candidate) =>
        refersTo(candidate.FunctionName, Streams, functionId),
      );
      expect(refersTo(mapping.EventSourceArn, Storage, tableId, "StreamArn")).toBe(true);
      expect(mapping).toMatchObject({
        StartingPosition: "TRIM_HORIZON",
        BatchSize: consumer.batchSize,
        MaximumBatchingWindowInSeconds: consumer.maximumBatchingWindowSeconds,
        MaximumRetryAttempts: consumer.maximumRetryAttempts,
        MaximumRecordAgeInSeconds: consumer.maximumRecordAgeSeconds,
        BisectBatchOnFunctionError: consumer.bisectBatchOnError,
        ParallelizationFactor: consumer.parallelizationFactor,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
      });
      expect(mapping.FilterCriteria).toEqual({
        Filters: consumer.filters.map((filter) => ({ Pattern: JSON.stringify(filter) })),
      });
      const [queueId] = queueOf(
        Streams,
        at(mapping, "DestinationConfig", "OnFailure", "Destination"),
      );
      expectAlarmOn(Streams, queueId);
    },
  );
});

describe("Jobs: one schedule per Schedule", () => {
  test.each(Schedules.map((schedule) => [schedule.id, schedule] as const))(
    "schedule %s: its cron, bounded retries and a dead-letter queue with an alarm",
    (_id, schedule) => {
      const { Jobs } = app.stacks;
      const [functionId, fn] = handlerFunction(Jobs, schedule.handler);
      const [, rule] = single(
        Jobs,
        "AWS::Events::Rule",
        (candidate) => candidate.ScheduleExpression === schedule.cron,
      );
      const targets = rule.Targets as Properties[];
      expect(targets).toHaveLength(1);
      const [target] = targets;
      expect(refersTo(target?.Arn, Jobs, functionId, "Arn")).toBe(true);
      expect(at(target, "RetryPolicy", "MaximumRetryAttempts")).toBeLessThanOrEqual(3);
      expect(at(target, "RetryPolicy", "MaximumEventAgeInSeconds")).toBeLessThanOrEqual(3600);
      const [queueId] = queueOf(Jobs, at(target, "DeadLetterConfig", "Arn"));
      expectAlarmOn(Jobs, queueId);
      expect(refersTo(at(fn, "DeadLetterConfig", "TargetArn"), Jobs, queueId, "Arn")).toBe(true);
      const [, invokeConfig] = single(Jobs, "AWS::Lambda::EventInvokeConfig", (config) =>
        refersTo(config.FunctionName, Jobs, functionId),
      );
      expect(invokeConfig.MaximumRetryAttempts).toBeLessThanOrEqual(1);
    },
  );
});

describe("Api: the API function behind one CloudFront distribution", () => {
  test("puts the stage's web ACL (SPRIDA_WAF_ACL_ARN) in front of the distribution", () => {
    app.stacks.Api.template.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({ WebACLId: TEST_DEPLOY_ENV.SPRIDA_WAF_ACL_ARN }),
    });
  });

  function apiFunction(): [string, Properties] {
    return handlerFunction(app.stacks.Api, API_HANDLER);
  }

  function distribution(): [string, Properties] {
    return single(app.stacks.Api, "AWS::CloudFront::Distribution");
  }

  /** The behaviour of /api/*; the default behaviour serves the web app (web-site.suite.ts). */
  function apiBehavior(): Properties {
    const [, dist] = distribution();
    const behaviors = at(dist, "DistributionConfig", "CacheBehaviors") as Properties[];
    const found = behaviors.find((behavior) => behavior.PathPattern === API_PATH_PATTERN);
    if (!found) throw new Error(`No ${API_PATH_PATTERN} behaviour`);
    return found;
  }

  /** The function URL of the function with this handler. */
  function urlOf(handler: string): [string, Properties] {
    const [functionId] = handlerFunction(app.stacks.Api, handler);
    return single(app.stacks.Api, "AWS::Lambda::Url", (url) =>
      refersTo(url.TargetFunctionArn, app.stacks.Api, functionId, "Arn"),
    );
  }

  /** The distribution's origin in front of a function URL. */
  function originOf(urlId: string): Properties {
    const [, dist] = distribution();
    const found = (at(dist, "DistributionConfig", "Origins") as Properties[]).find((origin) =>
      mentions(origin.DomainName, urlId),
    );
    if (!found) throw new Error(`No origin in front of ${urlId}`);
    return found;
  }

  function redirectBehavior(): Properties {
    const [, dist] = distribution();
    const behaviors = at(dist, "DistributionConfig", "CacheBehaviors") as Properties[];
    const found = behaviors.find((behavior) => behavior.PathPattern === REDIRECT_PATH_PATTERN);
    if (!found) throw new Error("No /r/* behaviour");
    return found;
  }

  test("runs the Hono app on nodejs22.x, arm64, 1024 MB, 10 s, with the runtime settings", () => {
    const [, fn] = apiFunction();
    expect(fn).toMatchObject({
      Runtime: "nodejs22.x",
      Architectures: ["arm64"],
      MemorySize: 1024,
      Timeout: 10,
    });
    const variables = at(fn, "Environment", "Variables") as Properties;
    expect(variables.SPRIDA_MAIL_FROM).toBe(TEST_DEPLOY_ENV.SPRIDA_MAIL_FROM);
    // No custom domain in this synth: the origin is the distribution's, read from SSM at cold
    // start (the distribution cannot be referenced from the function: it depends on it).
    expect(variables.SPRIDA_PUBLIC_ORIGIN_PARAMETER).toBe(PUBLIC_ORIGIN_PARAMETER);
    const [distributionId] = distribution();
    expect(mentions(fn, distributionId)).toBe(false);
  });

  test("may send e-mail only as the SES identity of SPRIDA_MAIL_FROM's domain", () => {
    const [, fn] = apiFunction();
    const sends = roleStatements(app.stacks.Api, fn).filter((s) =>
      [s.Action].flat().some((action) => String(action).startsWith("ses:")),
    );
    expect(sends).toHaveLength(1);
    expectSendsOnlyAsOurSender(sends[0]);
  });

  test("has function URLs requiring IAM auth for the API and the redirect; only the front door's takes unsigned requests", () => {
    const urls = allResourcesOfType(app, "AWS::Lambda::Url");
    expect(urls).toHaveLength(3);
    const [apiUrlId] = urlOf(API_HANDLER);
    const [redirectUrlId] = urlOf(REDIRECT_HANDLER);
    const [frontDoorUrlId] = urlOf(FRONT_DOOR_HANDLER);
    for (const url of urls) {
      expect(url.properties.AuthType).toBe(url.logicalId === frontDoorUrlId ? "NONE" : "AWS_IAM");
    }
    expect(new Set([apiUrlId, redirectUrlId, frontDoorUrlId]).size).toBe(3);
  });

  test("is the origin of the app's one distribution, through an origin access control for Lambda", () => {
    expect(allResourcesOfType(app, "AWS::CloudFront::Distribution")).toHaveLength(1);
    const { Api } = app.stacks;
    const [, dist] = distribution();
    const [urlId] = urlOf(API_HANDLER);
    // The web bucket's, the API's, the redirect's and the front door's (infra/front-door.ts).
    expect(at(dist, "DistributionConfig", "Origins") as Properties[]).toHaveLength(4);
    const origin = originOf(urlId);
    expect(at(apiBehavior(), "TargetOriginId")).toBe(origin?.Id);
    // The function URL's host: Fn::Select 2 of Fn::Split "/" of its FunctionUrl.
    expect(mentions(origin?.DomainName, urlId)).toBe(true);
    expect(at(origin, "CustomOriginConfig", "OriginProtocolPolicy")).toBe("https-only");
    const controls = resourcesOfType(Api, "AWS::CloudFront::OriginAccessControl").filter(([id]) =>
      refersTo(origin?.OriginAccessControlId, Api, id, "Id"),
    );
    expect(controls).toHaveLength(1);
    const [, oac] = controls[0] ?? ["", {}];
    expect(oac.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: "lambda",
      SigningBehavior: "always",
      SigningProtocol: "sigv4",
    });
  });

  test("can be invoked by CloudFront for this distribution only (dual auth)", () => {
    const { Api } = app.stacks;
    const [functionId] = apiFunction();
    const [urlId] = urlOf(API_HANDLER);
    const [distributionId] = distribution();
    const permissions = resourcesOfType(Api, "AWS::Lambda::Permission").filter(
      ([, permission]) =>
        mentions(permission.FunctionName, functionId) || mentions(permission.FunctionName, urlId),
    );
    expect(permissions.map(([, permission]) => permission.Action).sort()).toEqual([
      "lambda:InvokeFunction",
      "lambda:InvokeFunctionUrl",
    ]);
    for (const [, permission] of permissions) {
      expect(permission.Principal).toBe("cloudfront.amazonaws.com");
      // arn:<partition>:cloudfront::<account>:distribution/<this distribution's id>
      const sourceArn = flatten(permission.SourceArn);
      expect(sourceArn).toContain(":cloudfront::");
      expect(sourceArn.endsWith(`:distribution/${JSON.stringify({ Ref: distributionId })}`)).toBe(
        true,
      );
    }
    const [, invoke] = permissions.find(([, p]) => p.Action === "lambda:InvokeFunction") ?? [];
    expect(invoke?.InvokedViaFunctionUrl).toBe(true);
  });

  test("forwards CloudFront-Viewer-Address, never Host, plus all cookies and query strings", () => {
    const { Api } = app.stacks;
    const [policyId, policy] = single(Api, "AWS::CloudFront::OriginRequestPolicy", (candidate) =>
      String(at(candidate, "OriginRequestPolicyConfig", "Name")).endsWith("api-origin-request"),
    );
    expect(refersTo(apiBehavior().OriginRequestPolicyId, Api, policyId)).toBe(true);
    const config = policy.OriginRequestPolicyConfig as Properties;
    expect(at(config, "HeadersConfig", "HeaderBehavior")).toBe("whitelist");
    const headers = (at(config, "HeadersConfig", "Headers") as string[]).map((header) =>
      header.toLowerCase(),
    );
    expect(headers).toContain("cloudfront-viewer-address");
    expect(headers).not.toContain("host");
    // What the app reads (Origin for state changes) and what signed POST bodies need.
    expect(headers).toEqual(expect.arrayContaining(["origin", "x-amz-content-sha256"]));
    expect(headers.length).toBeLessThanOrEqual(ORIGIN_REQUEST_POLICY_HEADER_QUOTA);
    expect(at(config, "CookiesConfig", "CookieBehavior")).toBe("all");
    expect(at(config, "QueryStringsConfig", "QueryStringBehavior")).toBe("all");
  });

  test("caches nothing on /api/*, allows every method, redirects to HTTPS, speaks HTTP/2 and 3", () => {
    const [, dist] = distribution();
    expect(apiBehavior()).toMatchObject({
      CachePolicyId: CACHING_DISABLED,
      ViewerProtocolPolicy: "redirect-to-https",
    });
    expect([...(apiBehavior().AllowedMethods as string[])].sort()).toEqual(
      ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"].sort(),
    );
    expect(at(dist, "DistributionConfig", "HttpVersion")).toBe("http2and3");
    expect(at(dist, "DistributionConfig", "PriceClass")).toBe("PriceClass_100");
  });

  test("adds the security headers to every API response", () => {
    const { Api } = app.stacks;
    const [policyId, policy] = single(Api, "AWS::CloudFront::ResponseHeadersPolicy", (candidate) =>
      String(at(candidate, "ResponseHeadersPolicyConfig", "Name")).endsWith(
        "-sprida-security-headers",
      ),
    );
    expect(refersTo(apiBehavior().ResponseHeadersPolicyId, Api, policyId)).toBe(true);
    const headers = at(policy, "ResponseHeadersPolicyConfig", "SecurityHeadersConfig");
    expect(headers).toMatchObject({
      StrictTransportSecurity: { Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: "DENY", Override: true },
      ReferrerPolicy: { ReferrerPolicy: "same-origin", Override: true },
    });
    expect(at(headers, "StrictTransportSecurity", "AccessControlMaxAgeSec")).toBeGreaterThanOrEqual(
      365 * 24 * 60 * 60,
    );
  });

  test("serves /r/* from the redirect function: every method, nothing cached", () => {
    const { Api } = app.stacks;
    const [, fn] = handlerFunction(Api, REDIRECT_HANDLER);
    expect(fn).toMatchObject({ Runtime: "nodejs22.x", MemorySize: 512, Timeout: 5 });
    const [urlId] = urlOf(REDIRECT_HANDLER);
    const behavior = redirectBehavior();
    expect(behavior.TargetOriginId).toBe(originOf(urlId).Id);
    expect(behavior).toMatchObject({
      CachePolicyId: CACHING_DISABLED,
      ViewerProtocolPolicy: "redirect-to-https",
    });
    expect([...(behavior.AllowedMethods as string[])].sort()).toEqual(
      ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"].sort(),
    );
    const [functionId] = handlerFunction(Api, REDIRECT_HANDLER);
    const [distributionId] = distribution();
    const invoke = resourcesOfType(Api, "AWS::Lambda::Permission").filter(
      ([, permission]) =>
        permission.Action === "lambda:InvokeFunction" &&
        mentions(permission.FunctionName, functionId),
    );
    expect(invoke).toHaveLength(1);
    expect(invoke[0]?.[1]).toMatchObject({
      Principal: "cloudfront.amazonaws.com",
      InvokedViaFunctionUrl: true,
    });
    expect(mentions(invoke[0]?.[1].SourceArn, distributionId)).toBe(true);
  });

  test("gives the redirect the viewer's address and country, the self cookie, nothing else", () => {
    const { Api } = app.stacks;
    const [policyId, policy] = single(Api, "AWS::CloudFront::OriginRequestPolicy", (candidate) =>
      String(at(candidate, "OriginRequestPolicyConfig", "Name")).endsWith(
        "redirect-origin-request",
      ),
    );
    expect(refersTo(redirectBehavior().OriginRequestPolicyId, Api, policyId)).toBe(true);
    const config = policy.OriginRequestPolicyConfig as Properties;
    const headers = (at(config, "HeadersConfig", "Headers") as string[]).map((header) =>
      header.toLowerCase(),
    );
    expect(headers).toEqual(
      expect.arrayContaining([
        "cloudfront-viewer-address",
        "cloudfront-viewer-country",
        "user-agent",
        "purpose",
        "sec-purpose",
      ]),
    );
    expect(headers).not.toContain("host");
    expect(headers).not.toContain("x-forwarded-for");
    expect(headers.length).toBeLessThanOrEqual(ORIGIN_REQUEST_POLICY_HEADER_QUOTA);
    expect(at(config, "CookiesConfig")).toEqual({
      CookieBehavior: "whitelist",
      Cookies: ["sprida_self"],
    });
    expect(at(config, "QueryStringsConfig", "QueryStringBehavior")).toBe("none");
    // The function's own Referrer-Policy (no-referrer) is not overridden at the edge.
    const [headersId, responseHeaders] = single(
      Api,
      "AWS::CloudFront::ResponseHeadersPolicy",
      (candidate) =>
        String(at(candidate, "ResponseHeadersPolicyConfig", "Name")).endsWith("redirect-headers"),
    );
    expect(refersTo(redirectBehavior().ResponseHeadersPolicyId, Api, headersId)).toBe(true);
    const security = at(responseHeaders, "ResponseHeadersPolicyConfig", "SecurityHeadersConfig");
    expect(at(security, "ReferrerPolicy")).toBeUndefined();
    expect(at(security, "StrictTransportSecurity", "Override")).toBe(true);
  });

  test("publishes the distribution's origin in SSM and as the stack's site URL", () => {
    const { Api } = app.stacks;
    const [distributionId] = distribution();
    const [, parameter] = single(
      Api,
      "AWS::SSM::Parameter",
      (candidate) => candidate.Name === PUBLIC_ORIGIN_PARAMETER,
    );
    const httpsOfDistribution = {
      "Fn::Join": ["", ["https://", { "Fn::GetAtt": [distributionId, "DomainName"] }]],
    };
    expect(parameter.Value).toEqual(httpsOfDistribution);
    expect(parameter.Type).toBe("String");
    expect(Api.outputs.SiteUrl?.Value).toEqual(httpsOfDistribution);
  });

  test("is deployed before the Jobs stack, whose jobs send e-mail without any request", () => {
    expect(app.stacks.Jobs.dependsOn).toContain(app.stacks.Api.stackName);
  });

  test("the function finds the origin the stack publishes (resolvePublicOrigin)", async () => {
    const [, fn] = apiFunction();
    const variables = at(fn, "Environment", "Variables") as Record<string, unknown>;
    const env = Object.fromEntries(
      Object.entries(variables).filter(([, value]) => typeof value === "string"),
    ) as NodeJS.ProcessEnv;
    const read: string[] = [];
    const origin = await resolvePublicOrigin(env, async (name) => {
      read.push(name);
      return "https://d111111abcdef8.cloudfront.net";
    });
    expect(read).toEqual([PUBLIC_ORIGIN_PARAMETER]);
    expect(origin).toBe("https://d111111abcdef8.cloudfront.net");
    expect(env.SPRIDA_PUBLIC_ORIGIN).toBe(origin);
    // Once set, it is not read again.
    await resolvePublicOrigin(env, async () => {
      throw new Error("read again");
    });

    const wrong = { SPRIDA_PUBLIC_ORIGIN_PARAMETER: PUBLIC_ORIGIN_PARAMETER };
    await expect(resolvePublicOrigin(wrong, async () => "http://example.org/x")).rejects.toThrow(
      /not an https origin/,
    );
    // A failed read is retried on the next call.
    await expect(resolvePublicOrigin(wrong, async () => "https://example.org")).resolves.toBe(
      "https://example.org",
    );
    await expect(resolvePublicOrigin({}, async () => "unused")).resolves.toBeUndefined();
  });
});

describe("deploy settings (infra/settings.ts)", () => {
  const app = { name: "sprida", stage: "test" } as App;
  const certificateArn =
    "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

  test("require SPRIDA_MAIL_FROM, a plain address whose domain is the SES identity", () => {
    expect(() => deploySettings({})).toThrow(/SPRIDA_MAIL_FROM/);
    expect(() => deploySettings({ SPRIDA_MAIL_FROM: "Sprida <a@example.org>" })).toThrow(
      /SPRIDA_MAIL_FROM/,
    );
    expect(deploySettings({ SPRIDA_MAIL_FROM: "sprida@Mail.Example.org" }).mail).toEqual({
      from: "sprida@Mail.Example.org",
      identity: "mail.example.org",
      identityExists: false,
      perSecond: 14,
    });
    expect(() =>
      deploySettings({ SPRIDA_MAIL_FROM: "a@example.org", SPRIDA_MAIL_PER_SECOND: "0" }),
    ).toThrow(/SPRIDA_MAIL_PER_SECOND/);
  });

  test("reserve concurrency for the redirect (100) and the ingest (20) unless told otherwise", () => {
    const mailFrom = { SPRIDA_MAIL_FROM: "sprida@example.org" };
    expect(deploySettings(mailFrom).reservedConcurrency).toEqual({ redirect: 100, ingest: 20 });
    expect(
      deploySettings({
        ...mailFrom,
        SPRIDA_REDIRECT_CONCURRENCY: "400",
        SPRIDA_INGEST_CONCURRENCY: "50",
      }).reservedConcurrency,
    ).toEqual({ redirect: 400, ingest: 50 });
    for (const bad of ["0", "-1", "2.5", "many"]) {
      expect(() => deploySettings({ ...mailFrom, SPRIDA_REDIRECT_CONCURRENCY: bad })).toThrow(
        /SPRIDA_REDIRECT_CONCURRENCY/,
      );
    }
  });

  test("without a custom domain, point functions at the SSM parameter", () => {
    const settings = deploySettings({ SPRIDA_MAIL_FROM: "sprida@example.org" });
    expect(runtimeSettingsEnvironment(app, settings, publicOriginSource(app, settings))).toEqual({
      SPRIDA_MAIL_FROM: "sprida@example.org",
      SPRIDA_MAIL_CONFIGURATION_SET: MAIL_CONFIGURATION_SET,
      SPRIDA_MAIL_PER_SECOND: "14",
      SPRIDA_PUBLIC_ORIGIN_PARAMETER: PUBLIC_ORIGIN_PARAMETER,
    });
  });

  test("with SPRIDA_DOMAIN and its us-east-1 certificate, set SPRIDA_PUBLIC_ORIGIN", () => {
    const settings = deploySettings({
      SPRIDA_MAIL_FROM: "sprida@example.org",
      SPRIDA_DOMAIN: "Advocacy.Example.org",
      SPRIDA_CERTIFICATE_ARN: certificateArn,
    });
    expect(settings.customDomain).toEqual({
      name: "advocacy.example.org",
      alternateNames: [],
      certificateArn,
    });
    expect(runtimeSettingsEnvironment(app, settings, publicOriginSource(app, settings))).toEqual({
      SPRIDA_MAIL_FROM: "sprida@example.org",
      SPRIDA_MAIL_CONFIGURATION_SET: MAIL_CONFIGURATION_SET,
      SPRIDA_MAIL_PER_SECOND: "14",
      SPRIDA_PUBLIC_ORIGIN: "https://advocacy.example.org",
    });
  });

  test("with more names in SPRIDA_DOMAIN, offer them to organisations as alternate origins", () => {
    const settings = deploySettings({
      SPRIDA_MAIL_FROM: "sprida@example.org",
      SPRIDA_DOMAIN: "advocacy.example.org, Dela.Example.se",
      SPRIDA_CERTIFICATE_ARN: certificateArn,
    });
    expect(settings.customDomain?.alternateNames).toEqual(["dela.example.se"]);
    expect(runtimeSettingsEnvironment(app, settings, publicOriginSource(app, settings))).toEqual({
      SPRIDA_MAIL_FROM: "sprida@example.org",
      SPRIDA_MAIL_CONFIGURATION_SET: MAIL_CONFIGURATION_SET,
      SPRIDA_MAIL_PER_SECOND: "14",
      SPRIDA_PUBLIC_ORIGIN: "https://advocacy.example.org",
      SPRIDA_ALTERNATE_ORIGINS: "https://dela.example.se",
    });
    expect(() =>
      deploySettings({
        SPRIDA_MAIL_FROM: "sprida@example.org",
        SPRIDA_DOMAIN: "advocacy.example.org,https://evil.example/",
        SPRIDA_CERTIFICATE_ARN: certificateArn,
      }),
    ).toThrow(/SPRIDA_DOMAIN/);
  });

  test("refuse half a custom domain, or a certificate outside us-east-1", () => {
    const base = { SPRIDA_MAIL_FROM: "sprida@example.org" };
    expect(() => deploySettings({ ...base, SPRIDA_DOMAIN: "advocacy.example.org" })).toThrow(
      /SPRIDA_CERTIFICATE_ARN/,
    );
    expect(() => deploySettings({ ...base, SPRIDA_CERTIFICATE_ARN: certificateArn })).toThrow(
      /SPRIDA_DOMAIN/,
    );
    expect(() =>
      deploySettings({
        ...base,
        SPRIDA_DOMAIN: "advocacy.example.org",
        SPRIDA_CERTIFICATE_ARN: certificateArn.replace("us-east-1", "eu-north-1"),
      }),
    ).toThrow(/us-east-1/);
  });
});
