import type { HandlerAccess, TableAccess } from "@sprida/core/event";
import * as iam from "aws-cdk-lib/aws-iam";
import type { EventBus, Function as SstFunction, Table } from "sst/constructs";

const READ = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"] as const;
const WRITE = [
  ...READ,
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  // Condition checks inside TransactWriteItems (each item of a transaction is authorised by
  // its own action: there is no TransactWriteItems permission).
  "dynamodb:ConditionCheckItem",
] as const;

/**
 * The DynamoDB actions of each level of table access (HandlerAccess in packages/core/src/event).
 * No level holds Scan, BatchWriteItem, DescribeTable or any control-plane action: nothing in
 * Sprida scans the table or writes in batches outside transactions.
 */
export const TABLE_ACTIONS: Record<TableAccess, readonly string[]> = {
  read: READ,
  write: WRITE,
  manage: [...WRITE, "dynamodb:DeleteItem"],
};

/**
 * The function's table and bus permissions, from its declared access: the table's actions on
 * the table and its indexes (Query on gsi1/gsi2), PutEvents on Sprida's bus only when it
 * publishes. CDK's grantReadWriteData would add Scan, DeleteItem, BatchWriteItem and
 * DescribeTable to every function, the public redirect's and the webhook sender's included.
 */
export function grantHandlerAccess(
  fn: SstFunction,
  access: HandlerAccess,
  resources: { table: Table; bus: EventBus },
): void {
  const { tableArn } = resources.table.cdk.table;
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: [...TABLE_ACTIONS[access.table]],
      resources: [tableArn, `${tableArn}/index/*`],
    }),
  );
  if (access.publishes) resources.bus.cdk.eventBus.grantPutEventsTo(fn);
}
