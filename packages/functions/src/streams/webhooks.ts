import { errorSummary } from "@sprida/core/error";
import { Ledger } from "@sprida/core/ledger";
import { Webhook } from "@sprida/core/webhook";
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { lambda } from "../lambda";

/**
 * Sends each ledgered link.clicked / share.confirmed to the organisation's webhooks, one
 * record at a time. A failing endpoint never fails a record (its delivery waits for the
 * retry job, so one dead receiver cannot hold up the shard); a record fails only when it
 * cannot be read or storage fails, and from it on the batch is retried, which sends nothing
 * twice (deliveries are created conditionally).
 */
export const handler = lambda(
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const run = Webhook.newRun();
    for (const record of event.Records) {
      try {
        await Webhook.deliverEvent(Webhook.LedgeredEvent.parse(Ledger.insertedItem(record)), run);
      } catch (error) {
        console.error(
          JSON.stringify({
            level: "error",
            message: "webhooks: stream record failed",
            eventID: record.eventID,
            error: errorSummary(error),
          }),
        );
        const sequenceNumber = record.dynamodb?.SequenceNumber;
        if (!sequenceNumber) throw error;
        return { batchItemFailures: [{ itemIdentifier: sequenceNumber }] };
      }
    }
    return { batchItemFailures: [] };
  },
);
