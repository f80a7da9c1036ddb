import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, type EntityItem, Service } from "electrodb";
import { auditEntryEntity } from "../audit";
import { contentService } from "../content";
import { TableDefinition } from "../dynamo";
import { outboxEntityFor } from "../outbox";
import { Runtime } from "../runtime";

interface EntityConfig {
  table: string;
  client: DynamoDBDocumentClient;
}

const primary = { pk: TableDefinition.partitionKey, sk: TableDefinition.sortKey } as const;
const { gsi1 } = TableDefinition.globalIndexes;

/** The one gsi1 partition that holds every feed of every organisation, oldest fetch first. */
export const DUE_GROUP = "rssFeeds";
/** `dueAt` of a feed never imported: sorts before any real time, so it is due at once. */
export const NEVER = "1970-01-01T00:00:00.000Z";

/**
 * A feed source of an organisation, in the organisation's partition (listing is one query).
 *
 * gsi1 (`due`) puts every feed of every organisation in one partition sorted by `dueAt`
 * (the last import attempt, `NEVER` before the first): the job reads only the feeds that
 * are due, whatever the number of organisations, with one query. Each attempt rewrites
 * `dueAt`, so a feed moves to the end of the queue.
 */
function rssFeedEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "rssFeed", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        feedId: { type: "string", required: true, readOnly: true },
        url: { type: "string", required: true, readOnly: true },
        topic: { type: "string", required: true },
        autoPublish: { type: "boolean", required: true },
        title: { type: "string", required: true },
        lastFetchedAt: { type: "string" },
        lastError: { type: "string" },
        createdBy: { type: "string", required: true, readOnly: true },
        createdAt: { type: "string", required: true, readOnly: true },
        updatedAt: { type: "string", required: true },
        dueGroup: { type: "string", required: true, readOnly: true },
        dueAt: { type: "string", required: true },
      },
      indexes: {
        byOrg: {
          pk: { field: primary.pk, composite: ["orgId"] },
          sk: { field: primary.sk, composite: ["feedId"] },
        },
        due: {
          index: "gsi1",
          pk: { field: gsi1.partitionKey, composite: ["dueGroup"] },
          sk: { field: gsi1.sortKey, composite: ["dueAt"] },
        },
      },
    },
    config,
  );
}

/**
 * The deduplication key: one per organisation and canonical URL (its SHA-256), created
 * conditionally in the same transaction as the content item it names. Whoever writes it
 * first creates the content; every other import of that URL, in any feed, skips it.
 */
function rssSeenEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "rssSeen", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        urlHash: { type: "string", required: true, readOnly: true },
        canonicalUrl: { type: "string", required: true, readOnly: true },
        feedId: { type: "string", required: true, readOnly: true },
        contentId: { type: "string", required: true, readOnly: true },
        createdAt: { type: "string", required: true, readOnly: true },
      },
      indexes: {
        byOrg: {
          pk: { field: primary.pk, composite: ["orgId"] },
          sk: { field: primary.sk, composite: ["urlHash"] },
        },
      },
    },
    config,
  );
}

/** Feeds, dedupe keys, the content they create and audit entries, written together. */
export const rssService = Runtime.perRuntime((runtime) => {
  const config = { table: runtime.tableName, client: runtime.document };
  const feed = rssFeedEntity(config);
  const seen = rssSeenEntity(config);
  const audit = auditEntryEntity(config);
  const outbox = outboxEntityFor(config);
  const { content } = contentService();
  return { feed, seen, service: new Service({ feed, seen, content, audit, outbox }, config) };
});

type RssService = ReturnType<typeof rssService>;
export type RssFeedItem = EntityItem<RssService["feed"]>;
export type RssTransaction = Parameters<
  Parameters<RssService["service"]["transaction"]["write"]>[0]
>[0];
