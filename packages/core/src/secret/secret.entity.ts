import { Entity, type EntityItem } from "electrodb";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

/** Random keys the system makes for itself; each lives under a name until it expires. */
export const secretEntity = Runtime.perRuntime(
  (runtime) =>
    new Entity(
      {
        model: { entity: "secret", version: "1", service: "sprida" },
        attributes: {
          name: { type: "string", required: true },
          /** The key, sealed (Keyring); base64 plaintext in items written before sealing. */
          value: { type: "string", required: true },
          createdAt: { type: "string", required: true },
          /** Epoch seconds: read as "gone" after this even where TTL has not deleted it yet. */
          expiresAt: { type: "number", required: true },
        },
        indexes: {
          byName: {
            pk: { field: TableDefinition.partitionKey, composite: ["name"] },
            sk: { field: TableDefinition.sortKey, composite: [] },
          },
        },
      },
      { table: runtime.tableName, client: runtime.document },
    ),
);

export type SecretItem = EntityItem<ReturnType<typeof secretEntity>>;
