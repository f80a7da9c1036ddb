import { Ledger } from "@sprida/core/ledger";
import { Log } from "@sprida/core/log";
import { Webhook } from "@sprida/core/webhook";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
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
      const failure = await Log.withContext({}, () => deliverRecord(record, run));
      if (failure === undefined) continue;
      const sequenceNumber = record.dynamodb?.SequenceNumber;
      if (!sequenceNumber) throw failure.error;
      return { batchItemFailures: [{ itemIdentifier: sequenceNumber }] };
    }
    return { batchItemFailures: [] };
  },
);

/** One record, its lines carrying its event's id and organisation once they are read. */
async function deliverRecord(
  record: DynamoDBRecord,
  run: Webhook.DeliveryRun,
): Promise<{ error: unknown } | undefined> {
  try {
    const ledgered = Webhook.LedgeredEvent.parse(Ledger.insertedItem(record));
    Log.appendContext({ eventId: ledgered.eventId, orgId: ledgered.orgId });
    await Webhook.deliverEvent(ledgered, run);
    return undefined;
  } catch (error) {
    Log.error("webhooks: stream record failed", { eventID: record.eventID, error });
    return { error };
  }
}
