import { Entity, type EntityItem } from "electrodb";
import { TableDefinition } from "../dynamo/table-definition";
import { Runtime } from "../runtime";

/**
 * Click events the bus did not take in time, waiting to be published again. Spread over
 * shards (the event id's first hex digit) so an outage of the bus under load does not pile
 * every write onto one partition. No expiry: an item leaves only once it is published.
 */
export const clickOutboxEntity = Runtime.perRuntime(
  (runtime) =>
    new Entity(
      {
        model: { entity: "clickOutbox", version: "1", service: "sprida" },
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
      { table: runtime.tableName, client: runtime.document },
    ),
);

export type ClickOutboxItem = EntityItem<ReturnType<typeof clickOutboxEntity>>;
