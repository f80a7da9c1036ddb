import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import {
  LOCAL_DYNAMODB_REGION,
  type LocalDynamoDbCredentials,
} from "../dynamodb/local-credentials";
import { repairEmptyMaps } from "../stream/repair-empty-maps";

/**
 * The installation's key selects its database in DynamoDB Local (one per key and region), so
 * the table and its stream are only seen through clients made here with that key.
 */
export function localDynamoClients(endpoint: string, credentials: LocalDynamoDbCredentials) {
  const config = { region: LOCAL_DYNAMODB_REGION, endpoint, credentials };
  return {
    dynamo: new DynamoDBClient(config),
    streams: repairEmptyMaps(new DynamoDBStreamsClient(config)),
  };
}

/** The mail inbox accepts any credentials; fixed ones keep the SDK from searching for real ones. */
export function localMailClient(endpoint: string): SESv2Client {
  return new SESv2Client({
    region: "eu-north-1",
    endpoint,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
}
