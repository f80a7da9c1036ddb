import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, type EntityItem } from "electrodb";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

/**
 * Events written down before (or instead of) publishing them, waiting until the bus has
 * them. Spread over shards (the event id's first hex digit) so an outage of the bus under
 * load does not pile every write onto one partition. No expiry: an item leaves only once
 * its event is published.
 */
export function outboxEntityFor(config: { table: string; client: DynamoDBDocumentClient }) {
  return new Entity(
    {
      model: { entity: "outboxEvent", version: "1", service: "sprida" },
      attributes: {
        shard: { type: "string", required: true, readOnly: true },
        eventId: { type: "string", required: true, readOnly: true },
        detailType: { type: "string", required: true, readOnly: true },
        properties: { type: "any", required: true, readOnly: true },
        metadata: { type: "any", required: true, readOnly: true },
        keptAt: { type: "string", required: true, readOnly: true },
      },
      indexes: {
        byShard: {
          pk: { field: TableDefinition.partitionKey, composite: ["shard"], casing: "none" },
          sk: { field: TableDefinition.sortKey, composite: ["eventId"], casing: "none" },
        },
      },
    },
    config,
  );
}

export const outboxEntity = Runtime.perRuntime((runtime) =>
  outboxEntityFor({ table: runtime.tableName, client: runtime.document }),
);

export type OutboxItem = EntityItem<ReturnType<typeof outboxEntity>>;
