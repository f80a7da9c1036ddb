// An in-memory DynamoDB stream for tests of what DynamoDB Local will not do on
// demand: split shards, expire iterators. Only the calls the poller makes.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { _Record, DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";

export const FAKE_STREAM_ARN = "arn:aws:dynamodb:eu-north-1:000000000000:table/fake/stream/1";

interface FakeShard {
  shardId: string;
  parentShardId?: string;
  closed: boolean;
  records: _Record[];
}

type Input = Record<string, unknown>;

export class FakeStream {
  readonly shards: FakeShard[] = [];
  readonly calls: { command: string; input: Input }[] = [];
  private nextSequence = 1;
  private expireNextGetRecords = false;

  addShard(shardId: string, parentShardId?: string): void {
    this.shards.push({ shardId, parentShardId, closed: false, records: [] });
  }

  closeShard(shardId: string): void {
    this.shard(shardId).closed = true;
  }

  /** Appends an INSERT of `name` to the shard; sequence numbers grow across the stream. */
  write(shardId: string, name: string): void {
    const sequence = String(this.nextSequence++).padStart(21, "0");
    this.shard(shardId).records.push({
      eventID: `event-${sequence}`,
      eventName: "INSERT",
      eventVersion: "1.1",
      eventSource: "aws:dynamodb",
      awsRegion: "ddblocal",
      dynamodb: {
        ApproximateCreationDateTime: new Date(),
        Keys: { pk: { S: name }, sk: { S: "item" } },
        NewImage: { pk: { S: name }, sk: { S: "item" } },
        SequenceNumber: sequence,
        SizeBytes: 10,
        StreamViewType: "NEW_AND_OLD_IMAGES",
      },
    });
  }

  expireIteratorOnce(): void {
    this.expireNextGetRecords = true;
  }

  streamsClient(): DynamoDBStreamsClient {
    const client = {
      config: { region: async () => "eu-north-1" },
      send: async (command: { constructor: { name: string }; input: Input }) => {
        const name = command.constructor.name;
        this.calls.push({ command: name, input: command.input });
        if (name === "DescribeStreamCommand") return this.describeStream(command.input);
        if (name === "GetShardIteratorCommand") return this.getShardIterator(command.input);
        if (name === "GetRecordsCommand") return this.getRecords(command.input);
        throw new Error(`FakeStream does not handle ${name}`);
      },
    };
    return client as unknown as DynamoDBStreamsClient;
  }

  dynamoClient(): DynamoDBClient {
    const client = {
      send: async () => ({
        Table: { LatestStreamArn: FAKE_STREAM_ARN, StreamSpecification: { StreamEnabled: true } },
      }),
    };
    return client as unknown as DynamoDBClient;
  }

  /** One shard per page, so the poller must follow LastEvaluatedShardId. */
  private describeStream(input: Input) {
    const start = input.ExclusiveStartShardId;
    const index = start === undefined ? 0 : this.shards.findIndex((s) => s.shardId === start) + 1;
    const shard = this.shards[index];
    const page = shard === undefined ? [] : [shard];
    return {
      StreamDescription: {
        Shards: page.map((s) => ({
          ShardId: s.shardId,
          ParentShardId: s.parentShardId,
          SequenceNumberRange: {
            StartingSequenceNumber: "0",
            EndingSequenceNumber: s.closed ? "999" : undefined,
          },
        })),
        LastEvaluatedShardId: index < this.shards.length - 1 ? shard?.shardId : undefined,
      },
    };
  }

  private getShardIterator(input: Input) {
    const shard = this.shard(String(input.ShardId));
    let position = 0;
    if (input.ShardIteratorType === "LATEST") position = shard.records.length;
    if (input.ShardIteratorType === "AFTER_SEQUENCE_NUMBER") {
      position =
        shard.records.findIndex((r) => r.dynamodb?.SequenceNumber === input.SequenceNumber) + 1;
    }
    return { ShardIterator: `${shard.shardId}|${position}` };
  }

  private getRecords(input: Input) {
    if (this.expireNextGetRecords) {
      this.expireNextGetRecords = false;
      throw Object.assign(new Error("Iterator expired"), { name: "ExpiredIteratorException" });
    }
    const [shardId, at] = String(input.ShardIterator).split("|");
    const shard = this.shard(String(shardId));
    const position = Number(at);
    const records = shard.records.slice(position, position + Number(input.Limit ?? 1000));
    const next = position + records.length;
    const atEnd = shard.closed && next >= shard.records.length;
    return { Records: records, NextShardIterator: atEnd ? undefined : `${shard.shardId}|${next}` };
  }

  private shard(shardId: string): FakeShard {
    const shard = this.shards.find((s) => s.shardId === shardId);
    if (shard === undefined) throw new Error(`No shard ${shardId}`);
    return shard;
  }
}
