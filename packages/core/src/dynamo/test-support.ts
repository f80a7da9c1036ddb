import {
  CreateTableCommand,
  DeleteTableCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { Runtime } from "../runtime";
import { TableDefinition } from "./table-definition";

type Item = Record<string, unknown>;

/** The table key of an item (ElectroDB's params or a stored item). */
export const keyOf = (item: Item): Item => ({
  [TableDefinition.partitionKey]: item[TableDefinition.partitionKey],
  [TableDefinition.sortKey]: item[TableDefinition.sortKey],
});

/**
 * The item under a key exactly as DynamoDB holds it, read with no entity in between: what a
 * contract test of a lean store (`*.lean.ts`) compares with what its ElectroDB entity writes.
 */
export async function storedItem(key: Item): Promise<Item | undefined> {
  const { tableName, document } = Runtime.use();
  const { Item } = await document.send(
    new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
  );
  return Item;
}

/** Writes an item as given, with no entity in between (to store one malformed, say). */
export async function putItem(item: Item): Promise<void> {
  const { tableName, document } = Runtime.use();
  await document.send(new PutCommand({ TableName: tableName, Item: item }));
}

/** Creates a table of the app's key schema (no stream), for a test that needs one of its own. */
export async function createScratchTable(tableName: string): Promise<void> {
  const { dynamo } = Runtime.use();
  const { partitionKey, sortKey } = TableDefinition;
  await dynamo.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        { AttributeName: partitionKey, AttributeType: "S" },
        { AttributeName: sortKey, AttributeType: "S" },
      ],
      KeySchema: [
        { AttributeName: partitionKey, KeyType: "HASH" },
        { AttributeName: sortKey, KeyType: "RANGE" },
      ],
    }),
  );
  await waitUntilTableExists({ client: dynamo, maxWaitTime: 30 }, { TableName: tableName });
}

export async function deleteScratchTable(tableName: string): Promise<void> {
  await Runtime.use().dynamo.send(new DeleteTableCommand({ TableName: tableName }));
}
