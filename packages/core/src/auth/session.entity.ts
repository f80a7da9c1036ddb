import { Entity } from "electrodb";
import { TableDefinition } from "../dynamo/table-definition";
import { Runtime } from "../runtime";

/**
 * A server-side session. Its id is the SHA-256 of the cookie's token, so resolving a cookie
 * is one strongly consistent GetItem and a revoked (deleted) session is gone at once; the id
 * can be shown ("my sessions") because the token cannot be recovered from it. Listed per
 * person (gsi1) and per membership (gsi2) for "sign out everywhere" and deactivation.
 */
export const sessionEntity = Runtime.perRuntime(
  (runtime) =>
    new Entity(
      {
        model: { entity: "session", version: "1", service: "sprida" },
        attributes: {
          sessionId: { type: "string", required: true, readOnly: true },
          personId: { type: "string", required: true, readOnly: true },
          orgId: { type: "string", required: true },
          memberId: { type: "string", required: true },
          createdAt: { type: "string", required: true, readOnly: true },
          /** When the expiry was last rolled forward. */
          extendedAt: { type: "string", required: true },
          /** Epoch seconds; checked in code on every use (TTL deletion is only a cost saving). */
          expiresAt: { type: "number", required: true },
        },
        indexes: {
          bySession: {
            pk: { field: TableDefinition.partitionKey, composite: ["sessionId"] },
            sk: { field: TableDefinition.sortKey, composite: [] },
          },
          byPerson: {
            index: "gsi1",
            pk: { field: TableDefinition.globalIndexes.gsi1.partitionKey, composite: ["personId"] },
            sk: { field: TableDefinition.globalIndexes.gsi1.sortKey, composite: ["createdAt"] },
          },
          byMember: {
            index: "gsi2",
            pk: {
              field: TableDefinition.globalIndexes.gsi2.partitionKey,
              composite: ["orgId", "memberId"],
            },
            sk: { field: TableDefinition.globalIndexes.gsi2.sortKey, composite: ["createdAt"] },
          },
        },
      },
      { table: runtime.tableName, client: runtime.document },
    ),
);
