import { describe, expect, it } from "vitest";
import {
  indexWriteUnits,
  operationUnits,
  updatedAttributeNames,
  type WireObject,
} from "./meter-units";

const ok = (output: WireObject = {}) => ({ ok: true as const, output });
const failed = (errorType: string, error: WireObject = {}) => ({
  ok: false as const,
  errorType,
  error,
});
const s = (value: string) => ({ S: value });
const text = (bytes: number) => s("x".repeat(bytes));

const key = { pk: s("p"), sk: s("s") };
const gsi1 = { gsi1pk: s("g"), gsi1sk: s("h") };
const writes = (
  operation: string,
  request: WireObject,
  outcome: Parameters<typeof operationUnits>[2],
) => operationUnits(operation, request, outcome).writeUnits;
const reads = (
  operation: string,
  request: WireObject,
  outcome: Parameters<typeof operationUnits>[2],
) => operationUnits(operation, request, outcome).readUnits;

describe("index writes", () => {
  it("counts one write per index the item sits in, needing all of that index's keys", () => {
    expect(indexWriteUnits(undefined, { ...key })).toBe(0);
    expect(indexWriteUnits(undefined, { ...key, gsi1pk: s("g") })).toBe(0);
    expect(indexWriteUnits(undefined, { ...key, ...gsi1 })).toBe(1);
    expect(indexWriteUnits(undefined, { ...key, ...gsi1, gsi2pk: s("a"), gsi2sk: s("b") })).toBe(2);
  });

  it("counts a delete and a put when the index key changes, a delete when the item leaves", () => {
    const before = { ...key, ...gsi1 };
    expect(indexWriteUnits(before, { ...before, other: s("x") })).toBe(1);
    expect(indexWriteUnits(before, { ...before, gsi1sk: s("changed") })).toBe(2);
    expect(indexWriteUnits(before, { ...key })).toBe(1);
    expect(indexWriteUnits(before, undefined)).toBe(1);
  });

  it("sizes index entries like the item (projection ALL)", () => {
    expect(indexWriteUnits(undefined, { ...key, ...gsi1, data: text(2000) })).toBe(2);
  });
});

describe("write operations", () => {
  it("PutItem: the larger of the new and the replaced item, plus index writes", () => {
    expect(writes("PutItem", { Item: key }, ok())).toBe(1);
    expect(writes("PutItem", { Item: { ...key, ...gsi1 } }, ok())).toBe(2);
    expect(writes("PutItem", { Item: key }, ok({ Attributes: { ...key, data: text(1500) } }))).toBe(
      2,
    );
    expect(writes("PutItem", { Item: { ...key, data: text(3000) } }, ok())).toBe(3);
  });

  it("UpdateItem: the returned new image, plus the indexes it sits in", () => {
    const request = { Key: key, ReturnValues: "ALL_NEW", UpdateExpression: "SET a = :a" };
    expect(writes("UpdateItem", request, ok({ Attributes: { ...key, data: text(1100) } }))).toBe(2);
    expect(writes("UpdateItem", request, ok({ Attributes: { ...key, ...gsi1 } }))).toBe(2);
  });

  it("UpdateItem with a partial image: the larger of returned attributes and request values", () => {
    const request = {
      Key: key,
      ReturnValues: "UPDATED_NEW",
      UpdateExpression: "SET a = :a",
      ExpressionAttributeValues: { ":a": text(1500) },
    };
    expect(writes("UpdateItem", request, ok({ Attributes: { a: text(1500) } }))).toBe(2);
  });

  it("DeleteItem: the deleted item, at least 1, plus the index entries it had", () => {
    expect(writes("DeleteItem", { Key: key }, ok())).toBe(1);
    expect(
      writes("DeleteItem", { Key: key }, ok({ Attributes: { ...key, ...gsi1, data: text(1500) } })),
    ).toBe(4);
  });

  it("a failed conditional write costs the existing item's size, at least 1", () => {
    expect(writes("PutItem", { Item: key }, failed("ConditionalCheckFailedException"))).toBe(1);
    const existing = { Item: { ...key, ...gsi1, data: text(2500) } };
    expect(
      writes("UpdateItem", { Key: key }, failed("ConditionalCheckFailedException", existing)),
    ).toBe(3);
    expect(writes("PutItem", { Item: key }, failed("ValidationException"))).toBe(0);
  });

  it("BatchWriteItem: per item, deletes at least 1, unprocessed items not counted", () => {
    const put = (item: WireObject) => ({ PutRequest: { Item: item } });
    const request = {
      RequestItems: {
        t: [
          put({ ...key, data: text(1500) }),
          put({ ...key, ...gsi1 }),
          { DeleteRequest: { Key: key } },
        ],
      },
    };
    expect(writes("BatchWriteItem", request, ok())).toBe(2 + 2 + 1);
    expect(
      writes(
        "BatchWriteItem",
        request,
        ok({ UnprocessedItems: { t: [put({ ...key, ...gsi1 })] } }),
      ),
    ).toBe(3);
  });

  it("TransactWriteItems: every action counts double", () => {
    const request = {
      TransactItems: [
        { Put: { Item: key } },
        { Put: { Item: { ...key, ...gsi1 } } },
        {
          Update: {
            Key: key,
            UpdateExpression: "ADD n :one",
            ExpressionAttributeValues: { ":one": { N: "1" } },
          },
        },
        { Delete: { Key: key } },
        { ConditionCheck: { Key: key, ConditionExpression: "attribute_exists(pk)" } },
      ],
    };
    expect(writes("TransactWriteItems", request, ok())).toBe(2 * (1 + 2 + 1 + 1 + 1));
  });

  it("TransactWriteItems Update: estimated from key and values, index writes for index keys it sets", () => {
    const update = {
      Key: key,
      UpdateExpression: "SET #p = :p, gsi1sk = if_not_exists(gsi1sk, :s), body = :b",
      ExpressionAttributeNames: { "#p": "gsi1pk" },
      ExpressionAttributeValues: { ":p": s("g"), ":s": s("h"), ":b": text(1100) },
    };
    expect(updatedAttributeNames(update)).toEqual(new Set(["gsi1pk", "gsi1sk", "body"]));
    expect(writes("TransactWriteItems", { TransactItems: [{ Update: update }] }, ok())).toBe(
      2 * (2 + 2),
    );
  });

  it("a TransactWriteItems cancelled by a failed condition is counted as if it ran; other failures not", () => {
    const request = { TransactItems: [{ Put: { Item: key } }, { Put: { Item: key } }] };
    const reasons = { CancellationReasons: [{ Code: "ConditionalCheckFailed" }, { Code: "None" }] };
    expect(
      writes("TransactWriteItems", request, failed("TransactionCanceledException", reasons)),
    ).toBe(4);
    const conflict = { CancellationReasons: [{ Code: "TransactionConflict" }, { Code: "None" }] };
    expect(
      writes("TransactWriteItems", request, failed("TransactionCanceledException", conflict)),
    ).toBe(0);
  });
});

describe("read operations", () => {
  it("GetItem: per started 4 KB, halved unless ConsistentRead, minimum for a missing item", () => {
    expect(reads("GetItem", {}, ok({ Item: { ...key, data: text(5000) } }))).toBe(1);
    expect(
      reads("GetItem", { ConsistentRead: true }, ok({ Item: { ...key, data: text(5000) } })),
    ).toBe(2);
    expect(reads("GetItem", {}, ok())).toBe(0.5);
  });

  it("BatchGetItem: each item rounded up on its own (1.5 KB + 6.5 KB reads as 12 KB)", () => {
    const request = { RequestItems: { t: { Keys: [key, key, key], ConsistentRead: true } } };
    const output = { Responses: { t: [{ data: text(1536) }, { data: text(6656) }] } };
    // 1 + 2 for the two items, 1 for the key that matched nothing.
    expect(reads("BatchGetItem", request, ok(output))).toBe(4);
    expect(
      reads("BatchGetItem", request, ok({ ...output, UnprocessedKeys: { t: { Keys: [key] } } })),
    ).toBe(3);
  });

  it("Query and Scan: the sum of returned items, rounded up once, minimum half a unit", () => {
    const items = Array.from({ length: 10 }, () => ({ data: text(1000) }));
    expect(reads("Query", {}, ok({ Items: items }))).toBe(1.5);
    expect(reads("Scan", { ConsistentRead: true }, ok({ Items: items }))).toBe(3);
    expect(reads("Query", {}, ok({ Items: [] }))).toBe(0.5);
  });

  it("TransactGetItems: per item, double", () => {
    const output = { Responses: [{ Item: { data: text(5000) } }, {}] };
    expect(reads("TransactGetItems", {}, ok(output))).toBe(4 + 2);
  });

  it("unmetered operations and failures cost nothing", () => {
    expect(operationUnits("DescribeTable", {}, ok())).toEqual({ writeUnits: 0, readUnits: 0 });
    expect(reads("Query", {}, failed("ValidationException"))).toBe(0);
  });
});
