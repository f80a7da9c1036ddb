import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";

/**
 * The ledger item a table stream record inserted, for the ledger's stream consumers (each
 * parses it with its own schema). Throws, failing that record, if it is not an INSERT.
 */
export function insertedItem(record: DynamoDBRecord): Record<string, unknown> {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== "INSERT" || !image) {
    throw new Error(`Stream record ${record.eventID} is not an INSERT with a new image`);
  }
  return unmarshall(image as Record<string, AttributeValue>);
}
