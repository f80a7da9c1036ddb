import { Auth } from "@sprida/core/auth";
import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import * as logs from "aws-cdk-lib/aws-logs";
import type * as sns from "aws-cdk-lib/aws-sns";
import type { App, Function as SstFunction, Stack } from "sst/constructs";

/** Where the count of spent budgets is kept: one namespace per stage, so stages never mix. */
export const signInMetricNamespace = (stage: string) => `Sprida/${stage}`;
export const SPENT_BUDGET_METRIC = "SignInCodeFailureBudgetExhausted";

/**
 * A metric of the log line (of the API and of the front door, which serves the sign-in forms)
 * saying that an organisation's or the deployment's budget of
 * wrong sign-in codes is spent (packages/core/src/auth/sign-in-limits.ts), and an alarm that
 * notifies the alerts topic the first time it appears. Someone is guessing codes from many
 * clients, or, for the deployment's budget, has paused code sign-in for everyone for the
 * rest of the hour. The line is matched as a quoted term, so it is found whether Lambda
 * writes it as text or inside its JSON log record.
 */
export function signInBudgetAlarm(stack: Stack, signingIn: SstFunction[], alerts: sns.ITopic) {
  const app = stack.node.root as App;
  const metricNamespace = signInMetricNamespace(app.stage);
  const filters = signingIn.map(
    (fn, index) =>
      new logs.MetricFilter(stack, `SignInBudgetSpent${index === 0 ? "" : fn.node.id}`, {
        logGroup: fn.logGroup,
        filterPattern: logs.FilterPattern.literal(`"${Auth.FAILURE_BUDGET_EXHAUSTED}"`),
        metricNamespace,
        metricName: SPENT_BUDGET_METRIC,
        metricValue: "1",
      }),
  );
  const metric = new cloudwatch.Metric({
    namespace: metricNamespace,
    metricName: SPENT_BUDGET_METRIC,
    period: Duration.minutes(5),
    statistic: cloudwatch.Stats.SUM,
  });
  const alarm = new cloudwatch.Alarm(stack, "SignInBudgetSpentAlarm", {
    alarmName: `${app.logicalPrefixedName("sign-in")} code budget spent`,
    alarmDescription:
      "A budget of wrong sign-in codes is spent (organisation or deployment, see the API " +
      `function's log lines "${Auth.FAILURE_BUDGET_EXHAUSTED}"): codes are being guessed ` +
      "from many clients. Codes stay paused for the rest of the hour; e-mailed links work.",
    metric,
    threshold: 0,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  // No OK action: the line is written once per budget and hour, so the alarm clearing five
  // minutes later says nothing about whether the guessing stopped.
  alarm.addAlarmAction(new SnsAction(alerts));
  return { filters, alarm };
}
