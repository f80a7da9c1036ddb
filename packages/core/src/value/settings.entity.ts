import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, type EntityItem, Service } from "electrodb";
import { auditEntryEntity } from "../audit";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

interface EntityConfig {
  table: string;
  client: DynamoDBDocumentClient;
}

/**
 * One version of an organisation's value settings, from its local day on: the versions of an
 * organisation sort by that day, so the one in force on any day is one query away.
 */
function valueSettingsEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "valueSettings", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        effectiveFrom: { type: "string", required: true, readOnly: true },
        currency: { type: "string", required: true },
        cpc: { type: "any", required: true },
        cpm: { type: "any", required: true },
        fixedMonthlyCost: { type: "number", required: true },
        minutesPerShare: { type: "number", required: true },
        hourlyCost: { type: "number", required: true },
        attributionWindowDays: { type: "number", required: true },
        changedAt: { type: "string", required: true },
        changedBy: { type: "string", required: true },
      },
      indexes: {
        byOrg: {
          pk: { field: TableDefinition.partitionKey, composite: ["orgId"], casing: "none" },
          sk: { field: TableDefinition.sortKey, composite: ["effectiveFrom"], casing: "none" },
        },
      },
    },
    config,
  );
}

export const valueSettingsService = Runtime.perRuntime((runtime) => {
  const config = { table: runtime.tableName, client: runtime.document };
  const settings = valueSettingsEntity(config);
  const audit = auditEntryEntity(config);
  return { settings, service: new Service({ settings, audit }, config) };
});

type ValueSettingsService = ReturnType<typeof valueSettingsService>;
export type ValueSettingsItem = EntityItem<ValueSettingsService["settings"]>;
export type ValueSettingsTransaction = Parameters<
  Parameters<ValueSettingsService["service"]["transaction"]["write"]>[0]
>[0];
