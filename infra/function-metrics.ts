import type { HandlerPath } from "@sprida/core/event";
import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";

/** The metrics the alarms (infra/monitoring.ts) and the dashboard (operations-dashboard.ts) read. */

/** CloudFront publishes its metrics in us-east-1 only, with the dimension Region=Global. */
export const CLOUDFRONT_METRICS_REGION = "us-east-1";

/** What a Sprida function is watched for, besides errors and throttles. */
export type FunctionRole = "redirect" | "http" | "stream" | "async";

export interface WatchedFunction {
  /** Construct id, e.g. "Redirect", "TallyConsumer": the dashboard's label. */
  id: string;
  /** The deployed name, "<stage>-sprida-<id>" (infra/function.ts). */
  functionName: string;
  handler: HandlerPath;
  role: FunctionRole;
  /** Invoked asynchronously with reserved concurrency: throttled by design (see above). */
  throttledByDesign: boolean;
  /** The asynchronous invocation's maximum event age, when Lambda's async config sets one. */
  maximumEventAge?: Duration;
}

export function lambdaMetric(
  fn: WatchedFunction,
  metricName: string,
  statistic: string,
  period = Duration.minutes(5),
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: "AWS/Lambda",
    metricName,
    dimensionsMap: { FunctionName: fn.functionName },
    statistic,
    period,
  });
}

/**
 * The same metric labelled for a graph. Alarms take it unlabelled: with a label CDK renders
 * the alarm as a metric query (`Metrics`) instead of a plain metric, namespace and dimensions.
 */
export function graphed(fn: WatchedFunction, metric: cloudwatch.Metric): cloudwatch.Metric {
  return metric.with({ label: fn.id });
}

/** CloudFront's 5xx error rate (percent of requests) of one distribution, in `region`. */
export function distribution5xxRate(distributionId: string, region?: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: "AWS/CloudFront",
    metricName: "5xxErrorRate",
    dimensionsMap: { DistributionId: distributionId, Region: "Global" },
    statistic: cloudwatch.Stats.AVERAGE,
    period: Duration.minutes(5),
    ...(region === undefined ? {} : { region }),
  });
}

/** Thresholds the alarms use and the dashboard draws. */
export const REDIRECT_P99_THRESHOLD_MS = 1_000;
export const ITERATOR_AGE_THRESHOLD = Duration.hours(1);
/** The CloudFront alarm's threshold: 5% of requests answered 5xx over two 5-minute periods. */
export const DISTRIBUTION_5XX_RATE_THRESHOLD = 5;
