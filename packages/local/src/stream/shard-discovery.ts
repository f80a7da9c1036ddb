import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
} from "@aws-sdk/client-dynamodb-streams";

export interface ShardInfo {
  shardId: string;
  parentShardId: string | undefined;
  /** A closed shard has an ending sequence number: once read to the end, its children take over. */
  closed: boolean;
}

/** All shards of the stream; DescribeStream pages through them by ExclusiveStartShardId. */
export async function describeShards(
  client: DynamoDBStreamsClient,
  streamArn: string,
  abortSignal?: AbortSignal,
): Promise<ShardInfo[]> {
  const shards: ShardInfo[] = [];
  let exclusiveStartShardId: string | undefined;
  do {
    const { StreamDescription } = await client.send(
      new DescribeStreamCommand({
        StreamArn: streamArn,
        ExclusiveStartShardId: exclusiveStartShardId,
      }),
      { abortSignal },
    );
    for (const shard of StreamDescription?.Shards ?? []) {
      if (shard.ShardId === undefined) continue;
      shards.push({
        shardId: shard.ShardId,
        parentShardId: shard.ParentShardId,
        closed: shard.SequenceNumberRange?.EndingSequenceNumber !== undefined,
      });
    }
    exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
  } while (exclusiveStartShardId !== undefined);
  return shards;
}
