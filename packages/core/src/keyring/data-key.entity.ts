import { Entity } from "electrodb";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

export { DATA_KEY_ID } from "./data-key";

/**
 * The table's data key, wrapped (by KMS on AWS, by the local key file on one machine): the
 * only copy there is. Written once under a condition, never changed, never expires.
 */
export const dataKeyEntity = Runtime.perRuntime(
  (runtime) =>
    new Entity(
      {
        model: { entity: "dataKey", version: "1", service: "sprida" },
        attributes: {
          id: { type: "string", required: true, readOnly: true },
          /** The data key as the wrapper returned it, base64. */
          wrapped: { type: "string", required: true, readOnly: true },
          wrapper: { type: ["kms", "local"] as const, required: true, readOnly: true },
          createdAt: { type: "string", required: true, readOnly: true },
        },
        indexes: {
          byId: {
            pk: { field: TableDefinition.partitionKey, composite: ["id"] },
            sk: { field: TableDefinition.sortKey, composite: [] },
          },
        },
      },
      { table: runtime.tableName, client: runtime.document },
    ),
);
