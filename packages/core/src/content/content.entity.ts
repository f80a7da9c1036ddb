import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, type EntityItem, Service } from "electrodb";
import { auditEntryEntity } from "../audit";
import { TableDefinition } from "../dynamo";
import { outboxEntityFor } from "../outbox";
import { Runtime } from "../runtime";
import { Info as Content } from "./content.schema";

interface EntityConfig {
  table: string;
  client: DynamoDBDocumentClient;
}

const { gsi1, gsi2 } = TableDefinition.globalIndexes;

/** The one gsi2 partition of scheduled items, so the tick finds every due item in one query. */
export const SCHEDULE_GROUP = "scheduledContent";

/**
 * A content item, in the organisation's partition (the library is one query).
 *
 * gsi1 is the published feed of an organisation, newest first by `publishedAt`; gsi2 holds
 * scheduled items by `publishAt`, for the job that publishes them when due. Each index has
 * key attributes of its own (`feedOrgId`/`feedAt`, `scheduleGroup`/`scheduleAt`) set only
 * while the item has that status: a whole-item put with them absent leaves the index, and
 * ElectroDB refuses a conditional index whose composites are half given (orgId always is).
 *
 * The content's expiry is stored as `contentExpiresAt`: the table's TTL attribute is
 * `expiresAt`, and an expired item must stay in the library, not vanish.
 */
function contentEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "content", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        contentId: { type: "string", required: true, readOnly: true },
        kind: { type: ["internal", "external"] as const, required: true },
        title: { type: "string", required: true },
        summary: { type: "string", required: true },
        url: { type: "string", required: true },
        imageUrl: { type: "string" },
        topics: { type: "list", items: { type: "string" }, required: true },
        campaignId: { type: "string" },
        language: { type: ["sv", "en"] as const, required: true },
        status: { type: ["draft", "scheduled", "published", "archived"] as const, required: true },
        publishAt: { type: "string" },
        expiresAt: { type: "string", field: "contentExpiresAt" },
        featured: { type: "boolean", required: true },
        suggestedTexts: {
          type: "list",
          required: true,
          items: {
            type: "map",
            properties: {
              id: { type: "string", required: true },
              channel: { type: "string", required: true },
              language: { type: ["sv", "en"] as const, required: true },
              text: { type: "string", required: true },
            },
          },
        },
        source: {
          type: ["admin", "curator", "member_suggestion", "rss"] as const,
          required: true,
        },
        createdBy: { type: "string", required: true },
        awaitingApproval: { type: "boolean", required: true },
        createdAt: { type: "string", required: true },
        updatedAt: { type: "string", required: true },
        publishedAt: { type: "string" },
        /** Optimistic lock: every write is conditional on the revision it read. */
        revision: { type: "number", required: true },
        feedOrgId: { type: "string" },
        feedAt: { type: "string" },
        /** Every scheduled item of every organisation sits in one gsi2 partition, by time. */
        scheduleGroup: { type: "string" },
        scheduleAt: { type: "string" },
      },
      indexes: {
        byOrg: {
          pk: { field: TableDefinition.partitionKey, composite: ["orgId"] },
          sk: { field: TableDefinition.sortKey, composite: ["contentId"] },
        },
        feed: {
          index: "gsi1",
          condition: (attributes) => attributes.status === "published",
          pk: { field: gsi1.partitionKey, composite: ["feedOrgId"] },
          sk: { field: gsi1.sortKey, composite: ["feedAt"] },
        },
        scheduled: {
          index: "gsi2",
          condition: (attributes) => attributes.status === "scheduled",
          pk: { field: gsi2.partitionKey, composite: ["scheduleGroup"] },
          sk: { field: gsi2.sortKey, composite: ["scheduleAt"] },
        },
      },
    },
    config,
  );
}

/** A content change and its audit entry are written together. */
export const contentService = Runtime.perRuntime((runtime) => {
  const config = { table: runtime.tableName, client: runtime.document };
  const content = contentEntity(config);
  const audit = auditEntryEntity(config);
  const outbox = outboxEntityFor(config);
  return { content, service: new Service({ content, audit, outbox }, config) };
});

type ContentService = ReturnType<typeof contentService>;
export type ContentItem = EntityItem<ContentService["content"]>;
export type ContentTransaction = Parameters<
  Parameters<ContentService["service"]["transaction"]["write"]>[0]
>[0];

/** The stored form: the content, its revision, and the index keys its status calls for. */
export function toItem(content: Content, revision: number): ContentItem {
  const published = content.status === "published";
  const scheduled = content.status === "scheduled" && content.publishAt !== undefined;
  return {
    ...content,
    revision,
    feedOrgId: published ? content.orgId : undefined,
    feedAt: published ? content.publishedAt : undefined,
    scheduleGroup: scheduled ? SCHEDULE_GROUP : undefined,
    scheduleAt: scheduled ? content.publishAt : undefined,
  };
}

/** The content as the domain hands it out; keys and revision stay here. */
export function fromItem(item: ContentItem): { content: Content; revision: number } {
  return { content: Content.parse(item), revision: item.revision };
}
