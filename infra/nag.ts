import { NagSuppressions } from "cdk-nag";
import type { IConstruct } from "constructs";
import type { Stack } from "sst/constructs";

/**
 * cdk-nag (AwsSolutions) findings we accept, each with its reason, kept next to the resources
 * they concern. tests/infra asserts that no other finding remains.
 */

const BASIC_EXECUTION_ROLE =
  "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

/** Every Lambda function: the AWS-managed logging policy and the pinned Node.js runtime. */
export function suppressManagedLambdaRole(fn: IConstruct): void {
  NagSuppressions.addResourceSuppressions(
    fn,
    [
      {
        id: "AwsSolutions-IAM4",
        reason:
          "AWSLambdaBasicExecutionRole only allows creating log streams and writing log events; " +
          "it is the AWS-maintained minimum for a function to log.",
        appliesTo: [BASIC_EXECUTION_ROLE],
      },
      {
        id: "AwsSolutions-L1",
        reason:
          "Functions run nodejs22.x, the runtime Sprida is built and tested for (sst.config.ts " +
          "default); moving to a newer runtime is a deliberate, tested change.",
      },
    ],
    true,
  );
}

/**
 * SST v2 adds a CustomResourceHandler function to every stack (it serves SST's own custom
 * resources, e.g. uploading sourcemaps on deploy); its role and runtime are SST's.
 */
export function suppressSstStackInternals(stack: Stack): void {
  suppressManagedLambdaRole(stack.customResourceHandler);
}
