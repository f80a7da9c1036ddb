import { Entity, type EntityItem, Service } from "electrodb";
import { auditEntryEntity } from "../audit";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

/**
 * An organisation's API token (for servers such as a SCIM client). Keyed by the SHA-256 of
 * the secret, like a session: verifying a request is one strongly consistent GetItem, a
 * revoked (deleted) token is gone at once, and the id can be shown because the secret cannot
 * be recovered from it. Listed per organisation on gsi1.
 */
export const apiTokenService = Runtime.perRuntime((runtime) => {
  const config = { table: runtime.tableName, client: runtime.document };
  const apiToken = new Entity(
    {
      model: { entity: "apiToken", version: "1", service: "sprida" },
      attributes: {
        tokenId: { type: "string", required: true, readOnly: true },
        orgId: { type: "string", required: true, readOnly: true },
        name: { type: "string", required: true, readOnly: true },
        scopes: { type: "list", items: { type: "string" }, required: true, readOnly: true },
        createdBy: { type: "string", required: true, readOnly: true },
        createdAt: { type: "string", required: true, readOnly: true },
      },
      indexes: {
        byToken: {
          pk: { field: TableDefinition.partitionKey, composite: ["tokenId"] },
          sk: { field: TableDefinition.sortKey, composite: [] },
        },
        byOrg: {
          index: "gsi1",
          pk: { field: TableDefinition.globalIndexes.gsi1.partitionKey, composite: ["orgId"] },
          sk: { field: TableDefinition.globalIndexes.gsi1.sortKey, composite: ["createdAt"] },
        },
      },
    },
    config,
  );
  const audit = auditEntryEntity(config);
  return { apiToken, service: new Service({ apiToken, audit }, config) };
});

export type ApiTokenItem = EntityItem<ReturnType<typeof apiTokenService>["apiToken"]>;
