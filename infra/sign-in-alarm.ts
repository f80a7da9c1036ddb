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
 * A metric of the API's log line saying that an organisation's or the deployment's budget of
 * wrong sign-in codes is spent (packages/core/src/auth/sign-in-limits.ts), and an alarm that
 * notifies the alerts topic the first time it appears. Someone is guessing codes from many
 * clients, or, for the deployment's budget, has paused code sign-in for everyone for the
 * rest of the hour. The line is matched as a quoted term, so it is found whether Lambda
 * writes it as text or inside its JSON log record.
 */
export function signInBudgetAlarm(stack: Stack, api: SstFunction, alerts: sns.ITopic) {
  const app = stack.node.root as App;
  const filter = new logs.MetricFilter(stack, "SignInBudgetSpent", {
    logGroup: api.logGroup,
    filterPattern: logs.FilterPattern.literal(`"${Auth.FAILURE_BUDGET_EXHAUSTED}"`),
    metricNamespace: signInMetricNamespace(app.stage),
    metricName: SPENT_BUDGET_METRIC,
    metricValue: "1",
  });
  const alarm = new cloudwatch.Alarm(stack, "SignInBudgetSpentAlarm", {
    alarmName: `${app.logicalPrefixedName("sign-in")} code budget spent`,
    alarmDescription:
      "A budget of wrong sign-in codes is spent (organisation or deployment, see the API " +
      `function's log lines "${Auth.FAILURE_BUDGET_EXHAUSTED}"): codes are being guessed ` +
      "from many clients. Codes stay paused for the rest of the hour; e-mailed links work.",
    metric: filter.metric({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
    threshold: 0,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  // No OK action: the line is written once per budget and hour, so the alarm clearing five
  // minutes later says nothing about whether the guessing stopped.
  alarm.addAlarmAction(new SnsAction(alerts));
  return { filter, alarm };
}
