import { Entity } from "electrodb";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

/**
 * The marker that makes a click unique: one per link, local day and visitor, holding the
 * event that won it. A separate entity from the ledger's, so the tally's stream filter
 * never counts it.
 */
export const uniqueClickEntity = Runtime.perRuntime(
  (runtime) =>
    new Entity(
      {
        model: { entity: "uniqueClick", version: "1", service: "sprida" },
        attributes: {
          linkCode: { type: "string", required: true, readOnly: true },
          day: { type: "string", required: true, readOnly: true },
          visitor: { type: "string", required: true, readOnly: true },
          eventId: { type: "string", required: true, readOnly: true },
          expiresAt: { type: "number", required: true, readOnly: true },
        },
        indexes: {
          byLink: {
            pk: { field: TableDefinition.partitionKey, composite: ["linkCode"], casing: "none" },
            sk: {
              field: TableDefinition.sortKey,
              composite: ["day", "visitor"],
              casing: "none",
            },
          },
        },
      },
      { table: runtime.tableName, client: runtime.document },
    ),
);
