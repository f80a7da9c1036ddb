import { indexKeyAttributes, TableDefinition } from "@sprida/core/dynamo";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { type StackContext, Table, type TableGlobalIndexProps } from "sst/constructs";
import { keyringKey } from "./keyring";
import { suppressSstStackInternals } from "./nag";
import { isProtected } from "./stage";

/**
 * The single table, built from TableDefinition (the same definition DynamoDB Local uses), so
 * keys, indexes, stream and TTL cannot drift between AWS and one machine; and the KMS key that
 * wraps the data key sealing the secrets stored in it (infra/keyring.ts).
 */
export function Storage({ stack }: StackContext) {
  const { partitionKey, sortKey, globalIndexes, stream, timeToLiveAttribute } = TableDefinition;
  // Every key attribute is a string (createTableInput declares them all "S").
  const fields = Object.fromEntries(
    indexKeyAttributes().flatMap(({ attributes }) => attributes.map((name) => [name, "string"])),
  ) as Record<string, "string">;
  const table = new Table(stack, "Table", {
    fields,
    primaryIndex: { partitionKey, sortKey },
    globalIndexes: Object.fromEntries(
      Object.entries(globalIndexes).map(([name, index]): [string, TableGlobalIndexProps] => [
        name,
        { partitionKey: index.partitionKey, sortKey: index.sortKey, projection: "all" },
      ]),
    ),
    stream: stream.toLowerCase() as Lowercase<typeof stream>,
    timeToLiveAttribute,
    cdk: {
      table: {
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        encryption: dynamodb.TableEncryption.AWS_MANAGED,
        // aws-cdk-lib 2.224: `pointInTimeRecovery` is deprecated for
        // `pointInTimeRecoverySpecification`, and setting both throws. SST's Table passes
        // `pointInTimeRecovery: true` itself, so it is cleared here.
        pointInTimeRecovery: undefined,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: isProtected(stack.stage),
      },
    },
  });
  const keyring = keyringKey(stack);
  suppressSstStackInternals(stack);
  return { table, keyring };
}
