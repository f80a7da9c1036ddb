import { Entity } from "electrodb";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

/**
 * An address no e-mail may go to any more (SES reported a hard bounce or a complaint), for
 * every organisation: kept under the address's hash, so the list itself names nobody.
 */
export const suppressionEntity = Runtime.perRuntime(
  (runtime) =>
    new Entity(
      {
        model: { entity: "mailSuppression", version: "1", service: "sprida" },
        attributes: {
          addressHash: { type: "string", required: true, readOnly: true },
          reason: { type: ["bounce", "complaint"] as const, required: true },
          at: { type: "string", required: true },
        },
        indexes: {
          byAddress: {
            pk: { field: TableDefinition.partitionKey, composite: ["addressHash"], casing: "none" },
            sk: { field: TableDefinition.sortKey, composite: [], casing: "none" },
          },
        },
      },
      { table: runtime.tableName, client: runtime.document },
    ),
);
