import { randomUUID } from "node:crypto";
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { testDynamo } from "@sprida/testing/dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { itemSize } from "./item-size";
import { meterDynamoDb } from "./meter";

const { endpoint, tableName, client: sharedClient } = testDynamo();
const created: DynamoDBClient[] = [];

/** A client of its own per test (the meter hooks the client), on the worker's DynamoDB Local. */
async function newClient(): Promise<DynamoDBClient> {
  const client = new DynamoDBClient({
    endpoint,
    region: await sharedClient.config.region(),
    credentials: await sharedClient.config.credentials(),
  });
  created.push(client);
  return client;
}

async function metered() {
  const client = await newClient();
  return { client, meter: meterDynamoDb(client) };
}

afterAll(() => {
  for (const client of created) client.destroy();
});

const s = (value: string) => ({ S: value });
const uniqueKey = () => ({ pk: s(`meter#${randomUUID()}`), sk: s("item") });

/** Output without `$metadata` (request ids differ between calls). */
function withoutMetadata(output: object): object {
  const { $metadata: _, ...rest } = output as { $metadata: unknown };
  return rest;
}

describe("capacity meter against DynamoDB Local", () => {
  it("a put costs 1 unit, 2 when the item carries a global index key", async () => {
    const { client, meter } = await metered();
    await client.send(new PutItemCommand({ TableName: tableName, Item: uniqueKey() }));
    expect(meter.snapshot().writeUnits).toBe(1);

    meter.reset();
    const item = { ...uniqueKey(), gsi1pk: s("meter#gsi"), gsi1sk: s(randomUUID()) };
    await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
    expect(meter.snapshot()).toEqual({
      writeUnits: 2,
      readUnits: 0,
      byOperation: { PutItem: { calls: 1, writeUnits: 2, readUnits: 0 } },
    });
  });

  it("a 2-item transaction costs 4 units", async () => {
    const { client, meter } = await metered();
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: uniqueKey() } },
          { Put: { TableName: tableName, Item: uniqueKey() } },
        ],
      }),
    );
    expect(meter.snapshot().byOperation.TransactWriteItems).toEqual({
      calls: 1,
      writeUnits: 4,
      readUnits: 0,
    });
  });

  it("a failed conditional put still costs, and the caller gets the same error", async () => {
    const { client, meter } = await metered();
    const Item = { ...uniqueKey(), data: s("x".repeat(1500)) };
    await client.send(new PutItemCommand({ TableName: tableName, Item }));
    meter.reset();

    const conditional = new PutItemCommand({
      TableName: tableName,
      Item,
      ConditionExpression: "attribute_not_exists(pk)",
    });
    const error = await client.send(conditional).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe("ConditionalCheckFailedException");
    // The meter asked for the old item to size it; the caller did not, so it is not there.
    expect(error).not.toHaveProperty("Item");
    expect(conditional.input).not.toHaveProperty("ReturnValuesOnConditionCheckFailure");
    // The existing item is 1.5 KB: 2 units.
    expect(meter.snapshot().byOperation.PutItem).toEqual({ calls: 1, writeUnits: 2, readUnits: 0 });

    // When the caller asks for the item, it keeps it.
    const asked = await client
      .send(
        new PutItemCommand({
          ...conditional.input,
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      )
      .catch((e: unknown) => e);
    expect(asked).toHaveProperty("Item", Item);
    expect(meter.snapshot().writeUnits).toBe(4);
  });

  it("an update through the document client returns exactly what it would unmetered", async () => {
    const plain = DynamoDBDocumentClient.from(await newClient());
    const { client, meter } = await metered();
    const doc = DynamoDBDocumentClient.from(client);
    const update = (Key: Record<string, string>, ReturnValues?: "UPDATED_NEW") =>
      new UpdateCommand({
        TableName: tableName,
        Key,
        UpdateExpression: "SET visits = if_not_exists(visits, :zero) + :one",
        ExpressionAttributeValues: { ":zero": 0, ":one": 1 },
        ReturnValues,
      });
    const key = () => ({ pk: `meter#${randomUUID()}`, sk: "counter" });

    const [unmeteredKey, meteredKey] = [key(), key()];
    const unmetered = await plain.send(update(unmeteredKey));
    const command = update(meteredKey);
    const result = await doc.send(command);
    expect(result).not.toHaveProperty("Attributes");
    expect(Object.keys(result)).toEqual(Object.keys(unmetered));
    expect(withoutMetadata(result)).toEqual(withoutMetadata(unmetered));
    expect(command.input.ReturnValues).toBeUndefined();

    const unmeteredNew = await plain.send(update(unmeteredKey, "UPDATED_NEW"));
    const meteredNew = await doc.send(update(meteredKey, "UPDATED_NEW"));
    expect(withoutMetadata(meteredNew)).toEqual(withoutMetadata(unmeteredNew));
    expect(meteredNew.Attributes).toEqual({ visits: 2 });

    expect(meter.snapshot().byOperation.UpdateItem).toEqual({
      calls: 2,
      writeUnits: 2,
      readUnits: 0,
    });
  });

  it("a put of a 3 KB item costs 3 units", async () => {
    const { client, meter } = await metered();
    const key = uniqueKey();
    const Item = { ...key, data: s("x".repeat(3 * 1024 - 100)) };
    expect(itemSize(Item)).toBeGreaterThan(2 * 1024);
    expect(itemSize(Item)).toBeLessThanOrEqual(3 * 1024);
    await client.send(new PutItemCommand({ TableName: tableName, Item }));
    expect(meter.snapshot().writeUnits).toBe(3);

    // Overwriting it with a small item still costs the larger, replaced one; the caller sees
    // no Attributes it did not ask for.
    meter.reset();
    const overwrite = await client.send(new PutItemCommand({ TableName: tableName, Item: key }));
    expect(overwrite).not.toHaveProperty("Attributes");
    expect(meter.snapshot().writeUnits).toBe(3);

    // Reading it back: 1 unit strongly consistent (GetItem), 0.5 eventually consistent (Query).
    meter.reset();
    await client.send(new PutItemCommand({ TableName: tableName, Item }));
    await client.send(new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": key.pk },
      }),
    );
    expect(meter.snapshot().readUnits).toBe(1 + 0.5);

    // Deleting it costs its size; the caller sees no Attributes.
    meter.reset();
    const deleted = await client.send(new DeleteItemCommand({ TableName: tableName, Key: key }));
    expect(deleted).not.toHaveProperty("Attributes");
    expect(meter.snapshot().writeUnits).toBe(3);
  });

  it("meters the document client and batch writes, per operation", async () => {
    const { client, meter } = await metered();
    const doc = DynamoDBDocumentClient.from(client);
    await doc.send(
      new PutCommand({ TableName: tableName, Item: { pk: `meter#${randomUUID()}`, sk: "doc" } }),
    );
    await client.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [tableName]: [
            {
              PutRequest: { Item: { ...uniqueKey(), gsi2pk: s("meter"), gsi2sk: s(randomUUID()) } },
            },
            { DeleteRequest: { Key: uniqueKey() } },
          ],
        },
      }),
    );
    const snapshot = meter.snapshot();
    expect(snapshot.byOperation).toEqual({
      PutItem: { calls: 1, writeUnits: 1, readUnits: 0 },
      BatchWriteItem: { calls: 1, writeUnits: 3, readUnits: 0 },
    });
    expect(snapshot.writeUnits).toBe(4);
  });

  it("re-throws other errors unchanged and counts them as calls without units", async () => {
    const { client, meter } = await metered();
    const error = await client
      .send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: uniqueKey(),
          UpdateExpression: "SET = broken",
        }),
      )
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe("ValidationException");
    expect(meter.snapshot().byOperation.UpdateItem).toEqual({
      calls: 1,
      writeUnits: 0,
      readUnits: 0,
    });
  });

  it("is idempotent per client", async () => {
    const { client, meter } = await metered();
    expect(meterDynamoDb(client)).toBe(meter);
    await client.send(new PutItemCommand({ TableName: tableName, Item: uniqueKey() }));
    expect(meter.snapshot().writeUnits).toBe(1);
  });
});
