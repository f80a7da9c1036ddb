import { Entity, type EntityItem } from "electrodb";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

/**
 * A subscriber's side effect for one event (an e-mail sent for one `member.invited`): claimed
 * before it runs, marked done after, so a redelivered event finds it done and does nothing.
 */
export const eventEffectEntity = Runtime.perRuntime(
  (runtime) =>
    new Entity(
      {
        model: { entity: "eventEffect", version: "1", service: "sprida" },
        attributes: {
          /** Which effect: a subscriber may have several, each done once per event. */
          effect: { type: "string", required: true, readOnly: true },
          eventId: { type: "string", required: true, readOnly: true },
          orgId: { type: "string", required: true, readOnly: true },
          state: { type: ["running", "done"] as const, required: true },
          claimedAt: { type: "string", required: true },
          doneAt: { type: "string" },
          /** Epoch seconds (the table's TTL): once no delivery of the event can come any more. */
          expiresAt: { type: "number", required: true },
        },
        indexes: {
          byEvent: {
            pk: {
              field: TableDefinition.partitionKey,
              composite: ["effect", "eventId"],
              casing: "none",
            },
            sk: { field: TableDefinition.sortKey, composite: [], casing: "none" },
          },
        },
      },
      { table: runtime.tableName, client: runtime.document },
    ),
);

export type EventEffectItem = EntityItem<ReturnType<typeof eventEffectEntity>>;
