import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { identifiers, partitionKey, sortKey, tableKey } from "../dynamo/electro-keys.lean";
import type { OutgoingEvent } from "../event";
import { Runtime } from "../runtime";
import { itemOf } from "./item";

/** outboxEntity's item (./outbox.entity.ts), without ElectroDB: for the redirect's bundle. */
const ENTITY = "outboxEvent";
const VERSION = "1";

/** `Outbox.keep` without ElectroDB: the same item, which the `outbox` job publishes again. */
export async function keepLean(event: OutgoingEvent): Promise<void> {
  const item = itemOf(event);
  const { tableName, document } = Runtime.use();
  await document.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...item,
        ...tableKey(
          partitionKey("sprida", [["shard", item.shard]], "none"),
          sortKey(ENTITY, VERSION, [["eventId", item.eventId]], "none"),
        ),
        ...identifiers(ENTITY, VERSION),
      },
    }),
  );
}
