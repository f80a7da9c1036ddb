import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { Webhook } from "@sprida/core/webhook";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { lambda } from "../lambda";

/** A ledger INSERT as the webhook consumer reads it; throws (failing the record) otherwise. */
function ledgeredEventOf(record: DynamoDBRecord): Webhook.LedgeredEvent {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== "INSERT" || !image) {
    throw new Error(`Stream record ${record.eventID} is not an INSERT with a new image`);
  }
  return Webhook.LedgeredEvent.parse(unmarshall(image as Record<string, AttributeValue>));
}

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
        await Webhook.deliverEvent(ledgeredEventOf(record), run);
      } catch (error) {
        console.error("webhooks: stream record failed", { eventID: record.eventID, error });
        const sequenceNumber = record.dynamodb?.SequenceNumber;
        if (!sequenceNumber) throw error;
        return { batchItemFailures: [{ itemIdentifier: sequenceNumber }] };
      }
    }
    return { batchItemFailures: [] };
  },
);
