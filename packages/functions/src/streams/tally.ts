import { Log } from "@sprida/core/log";
import { Tally } from "@sprida/core/tally";
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { lambda } from "../lambda";

/**
 * Applies the batch as one aggregate (the cost model depends on it). A record that cannot be
 * read fails from itself on: the records before it are applied, it and the rest are retried.
 */
export const handler = lambda(
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const records: Tally.TallyRecord[] = [];
    let failedAt: string | undefined;
    for (const record of event.Records) {
      try {
        records.push(Tally.tallyRecordOf(record));
      } catch (error) {
        Log.error("tally: unreadable stream record", {
          eventID: record.eventID,
          error,
        });
        failedAt = record.dynamodb?.SequenceNumber;
        break;
      }
    }
    await Tally.applyBatch(records);
    return { batchItemFailures: failedAt ? [{ itemIdentifier: failedAt }] : [] };
  },
);
