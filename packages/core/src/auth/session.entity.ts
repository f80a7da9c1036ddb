import { Entity, Service } from "electrodb";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

interface EntityConfig {
  table: string;
  client: Runtime.Runtime["document"];
}

/**
 * A server-side session. Its id is the SHA-256 of the cookie's token, so resolving a cookie
 * is one strongly consistent GetItem and a revoked (deleted) session is gone at once; the id
 * can be shown ("my sessions") because the token cannot be recovered from it. Listed per
 * person (gsi1, for display) and per membership (gsi2, for deactivation).
 */
function sessionItemEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "session", version: "1", service: "sprida" },
      attributes: {
        sessionId: { type: "string", required: true, readOnly: true },
        personId: { type: "string", required: true, readOnly: true },
        orgId: { type: "string", required: true },
        memberId: { type: "string", required: true },
        /** "sign-in" or "invitation" (absent on sessions older than the attribute: sign-in). */
        startedBy: { type: ["sign-in", "invitation"] as const, readOnly: true },
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
    config,
  );
}

/**
 * One row per session in the person's own partition of the table, written in the same
 * transaction as the session. "Sign out everywhere" reads it strongly consistently: a GSI is
 * eventually consistent and could miss a session created a moment before.
 */
function personSessionEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "personSession", version: "1", service: "sprida" },
      attributes: {
        personId: { type: "string", required: true, readOnly: true },
        sessionId: { type: "string", required: true, readOnly: true },
        /** The session's first expiry; only for TTL clean-up (revoking reads the session). */
        expiresAt: { type: "number", required: true },
      },
      indexes: {
        byPerson: {
          pk: { field: TableDefinition.partitionKey, composite: ["personId"] },
          sk: { field: TableDefinition.sortKey, composite: ["sessionId"] },
        },
      },
    },
    config,
  );
}

export const sessionService = Runtime.perRuntime((runtime) => {
  const config = { table: runtime.tableName, client: runtime.document };
  const session = sessionItemEntity(config);
  const personSession = personSessionEntity(config);
  return { session, personSession, service: new Service({ session, personSession }, config) };
});

export const sessionEntity = () => sessionService().session;
