import type { HandlerPath } from "@sprida/core/event";
import * as logs from "aws-cdk-lib/aws-logs";
import { NagSuppressions } from "cdk-nag";
import {
  type App,
  type EventBus,
  type FunctionProps,
  Function as SstFunction,
  type Stack,
  type Table,
} from "sst/constructs";
import { suppressManagedLambdaRole } from "./nag";
import { tracingMode } from "./stage";

/** What every Sprida handler reaches: the single table and the event bus. */
export interface RuntimeResources {
  table: Table;
  bus: EventBus;
}

export interface HandlerFunctionProps
  extends Omit<FunctionProps, "handler" | "bind" | "environment" | "logGroup" | "functionName"> {
  handler: HandlerPath;
  description: string;
}

/**
 * A Lambda function for one handler of packages/functions, with the environment that
 * packages/core/src/runtime reads (SPRIDA_STAGE comes from the app defaults in sst.config.ts;
 * AWS_REGION is set by Lambda) and least-privilege grants: data-plane read/write on the table
 * and its indexes, PutEvents on the bus. SST's `bind` is not used on purpose: it grants
 * `dynamodb:*` (including DeleteTable) and `events:*`, and the handlers read SPRIDA_* variables,
 * not SST's binding variables.
 */
export function handlerFunction(
  stack: Stack,
  id: string,
  resources: RuntimeResources,
  props: HandlerFunctionProps,
): SstFunction {
  const app = stack.node.root as App;
  const functionName = app.logicalPrefixedName(id);
  const logGroup = new logs.LogGroup(stack, `${id}Logs`, {
    logGroupName: `/aws/lambda/${functionName}`,
    retention: logs.RetentionDays.ONE_MONTH,
  });
  const fn = new SstFunction(stack, id, {
    ...props,
    functionName,
    logGroup,
    environment: {
      SPRIDA_TABLE_NAME: resources.table.tableName,
      SPRIDA_EVENT_BUS_NAME: resources.bus.eventBusName,
    },
  });
  resources.table.cdk.table.grantReadWriteData(fn);
  resources.bus.cdk.eventBus.grantPutEventsTo(fn);
  suppressManagedLambdaRole(fn);
  NagSuppressions.addResourceSuppressions(
    fn,
    [
      {
        id: "AwsSolutions-IAM5",
        reason:
          "Query on the single table's own global secondary indexes (gsi1, gsi2): the grant names " +
          "the table's ARN followed by /index/*, which matches only this table's indexes.",
        appliesTo: [{ regex: "/^Resource::.*\\/index\\/\\*$/" }],
      },
    ],
    true,
  );
  if (tracingMode() === "active") {
    NagSuppressions.addResourceSuppressions(
      fn,
      [
        {
          id: "AwsSolutions-IAM5",
          reason:
            "X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level " +
            "permission; CDK adds them when tracing is active (SPRIDA_TRACING=active).",
          appliesTo: ["Resource::*"],
        },
      ],
      true,
    );
  }
  return fn;
}
