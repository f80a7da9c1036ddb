import { Entity, type EntityItem } from "electrodb";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";
import { SALT_GROUP } from "./visitor-salt.lean";

export { SALT_GROUP };

/**
 * An organisation's visitor salt for one of its local days: random, made on first use.
 * Sorted by day, so the purge job reads the old ones first and stops at the new ones.
 * The partition holds a few items per organisation (the job keeps it to about two days).
 */
export const visitorSaltEntity = Runtime.perRuntime(
  (runtime) =>
    new Entity(
      {
        model: { entity: "visitorSalt", version: "1", service: "sprida" },
        attributes: {
          group: { type: "string", required: true, readOnly: true, default: SALT_GROUP },
          orgId: { type: "string", required: true, readOnly: true },
          day: { type: "string", required: true, readOnly: true },
          /** 32 random bytes, sealed (Keyring); base64 in salts made before sealing. */
          value: { type: "string", required: true, readOnly: true },
          createdAt: { type: "string", required: true, readOnly: true },
          /** Epoch seconds; a cost saving only: the purge job is what deletes a salt. */
          expiresAt: { type: "number", required: true, readOnly: true },
        },
        indexes: {
          byDay: {
            pk: {
              field: TableDefinition.partitionKey,
              composite: ["group"],
              casing: "none",
            },
            sk: {
              field: TableDefinition.sortKey,
              composite: ["day", "orgId"],
              casing: "none",
            },
          },
        },
      },
      { table: runtime.tableName, client: runtime.document },
    ),
);

export type VisitorSaltItem = EntityItem<ReturnType<typeof visitorSaltEntity>>;
