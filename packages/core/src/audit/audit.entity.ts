import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity } from "electrodb";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

interface EntityConfig {
  table: string;
  client: DynamoDBDocumentClient;
}

/**
 * One admin action. Kept in the organisation's partition sorted by time (newest first is a
 * reverse query); entries about a member also sit in gsi1 under that member, for "export my
 * data". Built in a function so other domains can write an entry in their own transaction.
 */
export function auditEntryEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "auditEntry", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        auditId: { type: "string", required: true, readOnly: true },
        at: { type: "string", required: true, readOnly: true },
        actorMemberId: { type: "string", required: true, readOnly: true },
        action: { type: "string", required: true, readOnly: true },
        targetMemberId: { type: "string", readOnly: true },
        details: { type: "any", readOnly: true },
      },
      indexes: {
        byOrg: {
          pk: { field: TableDefinition.partitionKey, composite: ["orgId"] },
          sk: { field: TableDefinition.sortKey, composite: ["at", "auditId"] },
        },
        byTarget: {
          index: "gsi1",
          condition: (attributes) => attributes.targetMemberId !== undefined,
          pk: {
            field: TableDefinition.globalIndexes.gsi1.partitionKey,
            composite: ["targetMemberId"],
          },
          sk: { field: TableDefinition.globalIndexes.gsi1.sortKey, composite: [] },
        },
      },
    },
    config,
  );
}

export const auditEntity = Runtime.perRuntime((runtime) =>
  auditEntryEntity({ table: runtime.tableName, client: runtime.document }),
);
