import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { TableDefinition } from "../dynamo";
import {
  belongsTo,
  identifiers,
  partitionKey,
  sortKey,
  tableKey,
} from "../dynamo/electro-keys.lean";
import { leanKeyring } from "../keyring/data-key.lean";
import { Runtime } from "../runtime";
import * as NamedKey from "./named-key";

/** secretEntity's items (./secret.entity.ts), without ElectroDB: for the redirect's bundle. */
const ENTITY = "secret";
const VERSION = "1";
const key = (name: string) =>
  tableKey(
    partitionKey("sprida", [["name", name]], "default"),
    sortKey(ENTITY, VERSION, [], "default"),
  );

const store: NamedKey.SecretStore = {
  keyring: leanKeyring,
  async read(name) {
    const { tableName, document } = Runtime.use();
    const { Item } = await document.send(
      new GetCommand({ TableName: tableName, Key: key(name), ConsistentRead: true }),
    );
    if (!Item || !belongsTo(Item, ENTITY, VERSION)) return undefined;
    const { value, createdAt, expiresAt } = Item;
    if (
      Item.name !== name ||
      typeof value !== "string" ||
      typeof createdAt !== "string" ||
      typeof expiresAt !== "number"
    ) {
      throw new Error(`The secret ${name} is stored malformed`);
    }
    return { name, value, createdAt, expiresAt };
  },
  async replace(fresh, previous) {
    const { tableName, document } = Runtime.use();
    await document.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...fresh, ...key(fresh.name), ...identifiers(ENTITY, VERSION) },
        ...(previous
          ? {
              ConditionExpression: "#expiresAt = :expiresAt",
              ExpressionAttributeNames: { "#expiresAt": "expiresAt" },
              ExpressionAttributeValues: { ":expiresAt": previous.expiresAt },
            }
          : {
              ConditionExpression: "attribute_not_exists(#value)",
              ExpressionAttributeNames: { "#value": "value" },
            }),
      }),
    );
  },
  async setValue(name, value, expected) {
    const { tableName, document } = Runtime.use();
    await document.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key(name),
        UpdateExpression: "SET #value = :value",
        ConditionExpression: "attribute_exists(#pk) AND #value = :expected",
        ExpressionAttributeNames: { "#pk": TableDefinition.partitionKey, "#value": "value" },
        ExpressionAttributeValues: { ":value": value, ":expected": expected },
      }),
    );
  },
};

/** `Secret.named` and `Secret.find` over the lean store, sharing the same in-memory keys. */
export const LeanSecret = {
  named: (name: string, lifetimeSeconds: number) => NamedKey.named(store, name, lifetimeSeconds),
  find: (name: string) => NamedKey.find(store, name),
};
