import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { z } from "zod";
import { TallyRecord } from "./apply-batch";

const LedgerImage = z.object({
  partition: z.string(),
  orgId: z.string(),
  name: z.string(),
  occurredAt: z.string(),
});

/** Reads a ledger INSERT from a stream record; throws (failing that record) if it is not one. */
export function tallyRecordOf(record: DynamoDBRecord): TallyRecord {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== "INSERT" || !image) {
    throw new Error(`Stream record ${record.eventID} is not an INSERT with a new image`);
  }
  const item = LedgerImage.parse(unmarshall(image as Record<string, AttributeValue>));
  return TallyRecord.parse({ ...item, sequenceNumber: record.dynamodb?.SequenceNumber });
}
