import { Entity } from "electrodb";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

/**
 * One fixed window of one limited thing: a counter per scope × key × window start. The key
 * is an opaque hash given by the caller, kept exactly as given (no lower-casing).
 */
export const rateLimitEntity = Runtime.perRuntime(
  (runtime) =>
    new Entity(
      {
        model: { entity: "rateLimitWindow", version: "1", service: "sprida" },
        attributes: {
          scope: { type: "string", required: true },
          key: { type: "string", required: true },
          /** Epoch seconds at which the window opened. */
          windowStart: { type: "number", required: true },
          count: { type: "number" },
          /** Epoch seconds: TTL removes spent windows (a cost saving; reads never rely on it). */
          expiresAt: { type: "number" },
        },
        indexes: {
          byWindow: {
            pk: {
              field: TableDefinition.partitionKey,
              composite: ["scope", "key"],
              casing: "none",
            },
            sk: { field: TableDefinition.sortKey, composite: ["windowStart"] },
          },
        },
      },
      { table: runtime.tableName, client: runtime.document },
    ),
);
