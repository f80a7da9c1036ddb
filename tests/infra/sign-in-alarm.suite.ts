import { Auth } from "@sprida/core/auth";
import { Log } from "@sprida/core/log";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { API_HANDLER } from "../../infra/api";
import { FRONT_DOOR_HANDLER } from "../../infra/front-door";
import { SPENT_BUDGET_METRIC } from "../../infra/sign-in-alarm";
import { reportSpentBudgets } from "../../packages/core/src/auth/test-support";
import { type SynthesizedApp, synthesizeApp } from "./synth";
import { at, type Properties, refersTo, single } from "./template";

/**
 * The alarm on spent sign-in code budgets: a metric filter on the API function's own log
 * group that matches the line packages/core logs, and an alarm on it that notifies the alerts
 * topic. Run by app.test.ts, on its synth.
 */

const SYNTH_TIMEOUT = 180_000;

let app: SynthesizedApp;

beforeAll(async () => {
  app = await synthesizeApp();
}, SYNTH_TIMEOUT);

/** The filter on the log group of the function with this handler. */
function spentBudgetFilter(handler: string = API_HANDLER): Properties {
  const Api = app.stacks.Api;
  const [, fn] = single(Api, "AWS::Lambda::Function", (properties) => {
    return properties.Handler === handler;
  });
  const logGroupId = (at(fn, "LoggingConfig", "LogGroup") as { Ref: string }).Ref;
  const [, filter] = single(
    Api,
    "AWS::Logs::MetricFilter",
    (properties) =>
      (properties.MetricTransformations as Properties[]).some(
        (transformation) => transformation.MetricName === SPENT_BUDGET_METRIC,
      ) && refersTo(properties.LogGroupName, Api, logGroupId),
  );
  return filter;
}

/**
 * The line the API logs on Lambda when the budget is spent: Powertools' JSON record, written
 * to the function's stream as it is (past the runtime's own formatting).
 */
function loggedRecord(): string {
  const written: string[] = [];
  const capture = ((chunk: unknown) => written.push(String(chunk)) > 0) as never;
  const out = vi.spyOn(process.stdout, "write").mockImplementation(capture);
  const err = vi.spyOn(process.stderr, "write").mockImplementation(capture);
  const previous = Log.useBackend(Log.powertoolsBackend());
  try {
    reportSpentBudgets([{ ...Auth.LIMITS.codeFailuresPerOrganisation, key: "org-1" }]);
    return written.join("").trim();
  } finally {
    Log.useBackend(previous);
    out.mockRestore();
    err.mockRestore();
  }
}

describe("the alarm on spent sign-in code budgets", () => {
  test("counts the log lines that say a budget is spent, of the API and of the front door (the sign-in forms)", () => {
    for (const handler of [API_HANDLER, FRONT_DOOR_HANDLER]) {
      const filter = spentBudgetFilter(handler);
      expect(filter.FilterPattern).toBe(`"${Auth.FAILURE_BUDGET_EXHAUSTED}"`);
      expect(filter.MetricTransformations).toEqual([
        { MetricNamespace: "Sprida/test", MetricName: SPENT_BUDGET_METRIC, MetricValue: "1" },
      ]);
    }
  });

  test("matches the very line the sign-in code logs on Lambda", () => {
    const term = String(spentBudgetFilter().FilterPattern).replace(/^"|"$/g, "");
    const record = loggedRecord();

    expect(record).toContain(term);
    expect(JSON.parse(record)).toMatchObject({
      level: "WARN",
      message: Auth.FAILURE_BUDGET_EXHAUSTED,
      scope: "organisation",
      orgId: "org-1",
    });
  });

  test("alarms on the first such line in five minutes and notifies the alerts topic", () => {
    const [, alarm] = single(
      app.stacks.Api,
      "AWS::CloudWatch::Alarm",
      (properties) => properties.MetricName === SPENT_BUDGET_METRIC,
    );
    const [topicId] = single(app.stacks.Alerts, "AWS::SNS::Topic");

    expect(alarm).toMatchObject({
      Namespace: "Sprida/test",
      Statistic: "Sum",
      Period: 300,
      ComparisonOperator: "GreaterThanThreshold",
      Threshold: 0,
      EvaluationPeriods: 1,
      TreatMissingData: "notBreaching",
    });
    expect(alarm.AlarmActions).toHaveLength(1);
    expect(refersTo((alarm.AlarmActions as unknown[])[0], app.stacks.Alerts, topicId)).toBe(true);
  });
});
