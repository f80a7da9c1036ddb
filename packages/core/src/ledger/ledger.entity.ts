import { Entity } from "electrodb";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

/**
 * The event ledger: every counted event, once. Keyed by its ledger partition (a link for
 * click and share events), so one partition's events share one stream shard, in order.
 */
export const ledgerEntity = Runtime.perRuntime(
  (runtime) =>
    new Entity(
      {
        model: { entity: "ledgerEvent", version: "1", service: "sprida" },
        attributes: {
          partition: { type: "string", required: true },
          eventId: { type: "string", required: true },
          orgId: { type: "string", required: true },
          name: { type: "string", required: true },
          occurredAt: { type: "string", required: true },
          correlationId: { type: "string", required: true },
          properties: { type: "any", required: true },
          recordedAt: { type: "string", required: true },
        },
        indexes: {
          byPartition: {
            pk: { field: TableDefinition.partitionKey, composite: ["partition"] },
            sk: { field: TableDefinition.sortKey, composite: ["eventId"] },
          },
        },
      },
      { table: runtime.tableName, client: runtime.document },
    ),
);

/** The entity name ElectroDB writes into `__edb_e__`; the stream filter selects on it. */
export const LEDGER_ENTITY_NAME = "ledgerEvent";
