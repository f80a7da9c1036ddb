import { Entity } from "electrodb";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

/**
 * A sign-in token: what an e-mailed link and code stand for. Neither secret is stored, only
 * SHA-256 hashes (hex, so key lower-casing cannot merge two). Read by link hash (table),
 * or by e-mail hash newest first (gsi1) for codes.
 */
export const signInTokenEntity = Runtime.perRuntime(
  (runtime) =>
    new Entity(
      {
        model: { entity: "signInToken", version: "1", service: "sprida" },
        attributes: {
          tokenHash: { type: "string", required: true, readOnly: true },
          /** Salts the code hash; not a secret. */
          tokenId: { type: "string", required: true, readOnly: true },
          codeHash: { type: "string", required: true, readOnly: true },
          emailHash: { type: "string", required: true, readOnly: true },
          personId: { type: "string", required: true, readOnly: true },
          orgId: { type: "string", required: true, readOnly: true },
          memberId: { type: "string", required: true, readOnly: true },
          createdAt: { type: "string", required: true, readOnly: true },
          /** Epoch seconds; checked in code on every use (TTL deletion is only a cost saving). */
          expiresAt: { type: "number", required: true, readOnly: true },
          failedAttempts: { type: "number", required: true, default: 0 },
          usedAt: { type: "string" },
        },
        indexes: {
          byTokenHash: {
            pk: { field: TableDefinition.partitionKey, composite: ["tokenHash"] },
            sk: { field: TableDefinition.sortKey, composite: [] },
          },
          byEmail: {
            index: "gsi1",
            pk: {
              field: TableDefinition.globalIndexes.gsi1.partitionKey,
              composite: ["emailHash"],
            },
            sk: { field: TableDefinition.globalIndexes.gsi1.sortKey, composite: ["createdAt"] },
          },
        },
      },
      { table: runtime.tableName, client: runtime.document },
    ),
);
