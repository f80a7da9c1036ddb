import { Entity, type EntityItem, Service } from "electrodb";
import { auditEntryEntity } from "../audit";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

/**
 * An organisation's key for signed server-to-server requests (conversions). Unlike a token,
 * the secret must be recoverable to compute an HMAC, so it is stored sealed (Keyring) and
 * bound to its organisation and id. Keyed by its id, which a request names in a header, so
 * verifying is one GetItem; listed per organisation on gsi1.
 */
export const signingKeyService = Runtime.perRuntime((runtime) => {
  const config = { table: runtime.tableName, client: runtime.document };
  const signingKey = new Entity(
    {
      model: { entity: "signingKey", version: "1", service: "sprida" },
      attributes: {
        keyId: { type: "string", required: true, readOnly: true },
        orgId: { type: "string", required: true, readOnly: true },
        name: { type: "string", required: true, readOnly: true },
        /** Sealed with the context `signing-key:<orgId>:<keyId>`. */
        secret: { type: "string", required: true, readOnly: true },
        createdBy: { type: "string", required: true, readOnly: true },
        createdAt: { type: "string", required: true, readOnly: true },
      },
      indexes: {
        byKey: {
          pk: { field: TableDefinition.partitionKey, composite: ["keyId"] },
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
  return { signingKey, service: new Service({ signingKey, audit }, config) };
});

export type SigningKeyItem = EntityItem<ReturnType<typeof signingKeyService>["signingKey"]>;
