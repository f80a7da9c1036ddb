import {
  type _Record,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBRecord } from "aws-lambda";
import { z } from "zod";
import { toLambdaRecord } from "../stream";

/**
 * What Lambda puts in a stream consumer's on-failure queue: where the failed batch lies in the
 * stream, not its records (they stay in the stream for 24 hours).
 */
export const StreamFailure = z.object({
  DDBStreamBatchInfo: z.object({
    shardId: z.string().min(1),
    // DynamoDB Streams' own bounds for a sequence number.
    startSequenceNumber: z.string().regex(/^\d{21,40}$/),
    endSequenceNumber: z.string().regex(/^\d{21,40}$/),
    batchSize: z.number().int().positive(),
    streamArn: z.string().startsWith("arn:"),
    approximateArrivalOfFirstRecord: z.string().optional(),
    approximateArrivalOfLastRecord: z.string().optional(),
  }),
});
export type StreamFailure = z.infer<typeof StreamFailure>;

const EMPTY_READS_BEFORE_GIVING_UP = 5;

/**
 * Reads a failed batch back from the stream, as Lambda delivered it: from its first sequence
 * number to its last. `expired` when the stream no longer holds it (trimmed after 24 hours, or a
 * shard that is gone), or holds only part of it.
 */
export async function readFailedBatch(
  client: DynamoDBStreamsClient,
  failure: StreamFailure,
  awsRegion: string,
): Promise<DynamoDBRecord[] | "expired"> {
  const { shardId, startSequenceNumber, endSequenceNumber, streamArn } = failure.DDBStreamBatchInfo;
  const end = BigInt(endSequenceNumber);
  let iterator: string | undefined;
  try {
    ({ ShardIterator: iterator } = await client.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: "AT_SEQUENCE_NUMBER",
        SequenceNumber: startSequenceNumber,
      }),
    ));
  } catch (error) {
    // A well-formed sequence number the shard does not hold (any more) is refused as invalid.
    if (isGone(error) || (error as { name?: string }).name === "ValidationException") {
      return "expired";
    }
    throw error;
  }
  const records: _Record[] = [];
  let emptyReads = 0;
  while (iterator && emptyReads < EMPTY_READS_BEFORE_GIVING_UP) {
    let page: { Records?: _Record[]; NextShardIterator?: string };
    try {
      page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1_000 }));
    } catch (error) {
      if (isGone(error)) return "expired";
      throw error;
    }
    const read = page.Records ?? [];
    emptyReads = read.length === 0 ? emptyReads + 1 : 0;
    for (const record of read) {
      if (BigInt(record.dynamodb?.SequenceNumber ?? "0") > end) {
        return complete(records, startSequenceNumber, endSequenceNumber, streamArn, awsRegion);
      }
      records.push(record);
    }
    iterator = page.NextShardIterator;
  }
  return complete(records, startSequenceNumber, endSequenceNumber, streamArn, awsRegion);
}

function complete(
  records: _Record[],
  start: string,
  end: string,
  streamArn: string,
  awsRegion: string,
): DynamoDBRecord[] | "expired" {
  const sequences = records.map((record) => record.dynamodb?.SequenceNumber);
  // Anything but the batch from its first record to its last means part of it is gone.
  if (sequences[0] !== start || sequences[sequences.length - 1] !== end) return "expired";
  return records.map((record) => toLambdaRecord(record, streamArn, awsRegion));
}

function isGone(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name ?? "";
  return [
    "TrimmedDataAccessException",
    "ResourceNotFoundException",
    "ExpiredIteratorException",
  ].includes(name);
}
