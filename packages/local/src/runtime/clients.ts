import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { repairEmptyMaps } from "../stream/repair-empty-maps";

/** Local emulators accept any credentials; fixed ones keep the SDK from searching for real ones. */
const local = {
  region: "eu-north-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
};

export function localDynamoClients(endpoint: string) {
  return {
    dynamo: new DynamoDBClient({ ...local, endpoint }),
    streams: repairEmptyMaps(new DynamoDBStreamsClient({ ...local, endpoint })),
  };
}

export function localMailClient(endpoint: string): SESv2Client {
  return new SESv2Client({ ...local, endpoint });
}
