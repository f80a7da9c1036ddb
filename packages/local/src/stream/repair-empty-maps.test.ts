import { randomUUID } from "node:crypto";
import { DescribeTableCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from "@aws-sdk/client-dynamodb-streams";
import { testDynamo } from "@sprida/testing/dynamodb";
import { eventually } from "@sprida/testing/eventually";
import { describe, expect, it } from "vitest";
import { repairValue } from "./repair-empty-maps";

describe("repairing DynamoDB Local's empty maps", () => {
  it("turns a bare {} into an empty map, at any depth, and leaves typed values alone", () => {
    expect(repairValue({})).toEqual({ M: {} });
    expect(repairValue({ M: { settings: {}, name: { S: "x" } } })).toEqual({
      M: { settings: { M: {} }, name: { S: "x" } },
    });
    expect(repairValue({ L: [{}, { N: "1" }, { M: { inner: {} } }] })).toEqual({
      L: [{ M: {} }, { N: "1" }, { M: { inner: { M: {} } } }],
    });
    expect(repairValue({ S: "" })).toEqual({ S: "" });
    expect(repairValue({ NULL: true })).toEqual({ NULL: true });
  });
});

describe("reading an empty map from DynamoDB Local's stream", () => {
  it("gets the record instead of failing the page", async () => {
    const { client, streamsClient, tableName } = testDynamo();
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const streamArn = Table?.LatestStreamArn as string;
    const { StreamDescription } = await streamsClient.send(
      new DescribeStreamCommand({ StreamArn: streamArn }),
    );
    const open =
      StreamDescription?.Shards?.filter(
        (shard) => !shard.SequenceNumberRange?.EndingSequenceNumber,
      ) ?? [];
    const iterators = await Promise.all(
      open.map((shard) =>
        streamsClient.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shard.ShardId,
            ShardIteratorType: "LATEST",
          }),
        ),
      ),
    );
    const pk = `empty-map-${randomUUID()}`;
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { pk: { S: pk }, sk: { S: "x" }, settings: { M: {} } },
      }),
    );
    const found = await eventually(async () => {
      for (const { ShardIterator } of iterators) {
        const page = await streamsClient.send(new GetRecordsCommand({ ShardIterator }));
        const record = page.Records?.find((r) => r.dynamodb?.Keys?.pk?.S === pk);
        if (record) return record;
      }
      return undefined;
    });
    expect(found.dynamodb?.NewImage?.settings).toEqual({ M: {} });
  });
});
