import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, Service } from "electrodb";
import { TableDefinition } from "../dynamo";
import { outboxEntityFor } from "../outbox";
import { Runtime } from "../runtime";

interface EntityConfig {
  table: string;
  client: DynamoDBDocumentClient;
}

/**
 * What makes a conversion once: its key ("order:<the site's order id>", or "pixel:<sid>" for
 * the count-only pixel), created under a condition in the transaction that keeps its event in
 * the outbox, so a second report of the same order writes nothing and publishes nothing.
 */
function conversionKeyEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "conversionKey", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        key: { type: "string", required: true, readOnly: true },
        conversionId: { type: "string", required: true },
        sid: { type: "string", required: true },
        clickDay: { type: "string", required: true },
        source: { type: ["api", "pixel", "csv"] as const, required: true },
        recordedAt: { type: "string", required: true },
      },
      indexes: {
        byKey: {
          pk: { field: TableDefinition.partitionKey, composite: ["orgId"], casing: "none" },
          sk: { field: TableDefinition.sortKey, composite: ["key"], casing: "none" },
        },
      },
    },
    config,
  );
}

export const conversionService = Runtime.perRuntime((runtime) => {
  const config = { table: runtime.tableName, client: runtime.document };
  const conversion = conversionKeyEntity(config);
  const outbox = outboxEntityFor(config);
  return { conversion, service: new Service({ conversion, outbox }, config) };
});
