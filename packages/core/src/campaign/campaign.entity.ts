import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, type EntityItem, Service } from "electrodb";
import { auditEntryEntity } from "../audit";
import { TableDefinition } from "../dynamo";
import { Runtime } from "../runtime";

interface EntityConfig {
  table: string;
  client: DynamoDBDocumentClient;
}

/** A campaign, in the organisation's partition (an organisation's campaigns are one query). */
function campaignEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "campaign", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        campaignId: { type: "string", required: true, readOnly: true },
        name: { type: "string", required: true },
        startDay: { type: "string", required: true },
        endDay: { type: "string", required: true },
        goalKind: { type: ["confirmed_shares", "unique_clicks"] as const, required: true },
        goalTarget: { type: "number", required: true },
        createdAt: { type: "string", required: true },
        updatedAt: { type: "string", required: true },
        /** Optimistic lock: every update is conditional on the revision it read. */
        revision: { type: "number", required: true },
      },
      indexes: {
        byOrg: {
          pk: { field: TableDefinition.partitionKey, composite: ["orgId"], casing: "none" },
          sk: { field: TableDefinition.sortKey, composite: ["campaignId"], casing: "none" },
        },
      },
    },
    config,
  );
}

/** A campaign change and its audit entry are written together. */
export const campaignService = Runtime.perRuntime((runtime) => {
  const config = { table: runtime.tableName, client: runtime.document };
  const campaign = campaignEntity(config);
  const audit = auditEntryEntity(config);
  return { campaign, service: new Service({ campaign, audit }, config) };
});

type CampaignService = ReturnType<typeof campaignService>;
export type CampaignItem = EntityItem<CampaignService["campaign"]>;
export type CampaignTransaction = Parameters<
  Parameters<CampaignService["service"]["transaction"]["write"]>[0]
>[0];
