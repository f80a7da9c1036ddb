import { Job } from "@sprida/core/job";
import { Jobs as JobList, JobUnitRule } from "@sprida/functions/jobs";
import { beforeAll, describe, expect, test } from "vitest";
import { type SynthesizedApp, synthesizeApp } from "./synth";
import { at, type Properties, refersTo, resourcesOfType, single } from "./template";

/**
 * The job units' rule (packages/functions/src/jobs/unit-rule.ts): on the stage's bus, one
 * target, the unit runner, with the rule's retry policy and its own dead-letter queue with an
 * alarm on the alerts topic, so a failing organisation's unit is retried and parked alone.
 * Run by app.test.ts, on its synth.
 */

const SYNTH_TIMEOUT = 180_000;

let app: SynthesizedApp;

beforeAll(async () => {
  app = await synthesizeApp();
}, SYNTH_TIMEOUT);

describe("Jobs: the job.unit rule and its runner", () => {
  function unitRule(): Properties {
    const { Jobs, Bus } = app.stacks;
    const [busId] = single(Bus, "AWS::Events::EventBus");
    const [, rule] = single(
      Jobs,
      "AWS::Events::Rule",
      (candidate) =>
        refersTo(candidate.EventBusName, Bus, busId) &&
        JSON.stringify(candidate.EventPattern) === JSON.stringify(JobUnitRule.pattern),
    );
    return rule;
  }

  function runner(): [string, Properties] {
    return single(
      app.stacks.Jobs,
      "AWS::Lambda::Function",
      (fn) => fn.Handler === JobUnitRule.handler,
    );
  }

  test("matches exactly job.unit on the stage's bus", () => {
    expect(unitRule().EventPattern).toEqual({ source: ["sprida"], "detail-type": ["job.unit"] });
    expect(Job.Events.Unit.name).toBe("job.unit");
  });

  test("targets the unit runner with the rule's retries, then its own dead-letter queue with an alarm", () => {
    const { Jobs, Alerts } = app.stacks;
    const [functionId, fn] = runner();
    const targets = unitRule().Targets as Properties[];
    expect(targets).toHaveLength(1);
    const [target] = targets;
    expect(refersTo(target?.Arn, Jobs, functionId, "Arn")).toBe(true);
    expect(target?.RetryPolicy).toEqual({
      MaximumRetryAttempts: JobUnitRule.maximumRetryAttempts,
      MaximumEventAgeInSeconds: JobUnitRule.maximumEventAgeSeconds,
    });
    const queueArn = at(target, "DeadLetterConfig", "Arn");
    const [queueId, queue] =
      resourcesOfType(Jobs, "AWS::SQS::Queue").find(([id]) =>
        refersTo(queueArn, Jobs, id, "Arn"),
      ) ?? [];
    expect(queueId).toBeDefined();
    expect(String(queue?.QueueName)).toMatch(/job-unit-dlq$/);
    // A unit that keeps throwing is retried by Lambda, then parked in the same queue.
    expect(refersTo(at(fn, "DeadLetterConfig", "TargetArn"), Jobs, queueId ?? "", "Arn")).toBe(
      true,
    );
    const [, invokeConfig] = single(Jobs, "AWS::Lambda::EventInvokeConfig", (config) =>
      refersTo(config.FunctionName, Jobs, functionId),
    );
    expect(invokeConfig.MaximumRetryAttempts).toBe(2);
    expect(invokeConfig.MaximumEventAgeInSeconds).toBe(JobUnitRule.maximumEventAgeSeconds);

    const alarms = resourcesOfType(Jobs, "AWS::CloudWatch::Alarm").filter(([, alarm]) =>
      refersTo(at(alarm, "Dimensions", 0, "Value"), Jobs, queueId ?? "", "QueueName"),
    );
    expect(alarms).toHaveLength(1);
    const [, alarm] = alarms[0] ?? ["", {}];
    expect(alarm).toMatchObject({
      MetricName: "ApproximateNumberOfMessagesVisible",
      Threshold: 0,
      ComparisonOperator: "GreaterThanThreshold",
    });
    const [topicId] = single(Alerts, "AWS::SNS::Topic");
    expect(
      (alarm.AlarmActions as unknown[]).some((action) => refersTo(action, Alerts, topicId)),
    ).toBe(true);
  });

  test("stops the runner well before its claim's lease ends, so a live unit is never taken over", () => {
    const [, fn] = runner();
    expect(fn.Timeout).toBe(JobUnitRule.timeoutSeconds);
    expect(JobUnitRule.timeoutSeconds * 1000).toBeLessThan(Job.UNIT_LEASE_MS);
  });

  test("runs the nightly rollup as one unit per organisation, on its own clock, in this runner", () => {
    const nightly = JobList.find((job) => job.name === "nightly");
    expect(nightly?.cadence).toEqual({ every: "night", atLocalHour: 1 });
    expect(nightly && "runUnit" in nightly && typeof nightly.runUnit).toBe("function");
    const [, fn] = runner();
    expect(at(fn, "Environment", "Variables", "SPRIDA_TABLE_NAME")).toBeDefined();
  });
});
