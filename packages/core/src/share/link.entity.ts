import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, type EntityItem, Service } from "electrodb";
import { TableDefinition } from "../dynamo";
import { outboxEntityFor } from "../outbox";
import { Runtime } from "../runtime";
import { ChannelId } from "./share.schema";

interface EntityConfig {
  table: string;
  client: DynamoDBDocumentClient;
}

const CHANNELS = ChannelId.options;
const VIA = ["member", "first_unique_click"] as const;

/**
 * A tracked link, in its own partition keyed by its code: `/r/{code}` is one GetItem.
 * It carries the stored destination (the redirect never builds one from the request).
 * Codes are case-sensitive base62, so keys are kept as written (no lower-casing).
 */
function shareLinkEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "shareLink", version: "1", service: "sprida" },
      attributes: {
        code: { type: "string", required: true, readOnly: true },
        orgId: { type: "string", required: true, readOnly: true },
        memberId: { type: "string", required: true, readOnly: true },
        contentId: { type: "string", required: true, readOnly: true },
        channel: { type: CHANNELS, required: true, readOnly: true },
        destination: { type: "string", required: true, readOnly: true },
        /** The content's campaign when the link was made: its utm_campaign, and its counts. */
        campaignId: { type: "string", readOnly: true },
        createdAt: { type: "string", required: true, readOnly: true },
        confirmedAt: { type: "string" },
        confirmedVia: { type: VIA },
        postUrl: { type: "string" },
      },
      indexes: {
        byCode: {
          pk: { field: TableDefinition.partitionKey, composite: ["code"], casing: "none" },
          sk: { field: TableDefinition.sortKey, composite: [], casing: "none" },
        },
      },
    },
    config,
  );
}

/**
 * The claim member × content × channel → code. Its conditional create is what makes the
 * same member, content and channel always get the same link. In the member's partition
 * (a member's links are one query, for the feed). Confirmation is copied here so the feed
 * needs no link items.
 */
function shareLinkKeyEntity(config: EntityConfig) {
  return new Entity(
    {
      model: { entity: "shareLinkKey", version: "1", service: "sprida" },
      attributes: {
        orgId: { type: "string", required: true, readOnly: true },
        memberId: { type: "string", required: true, readOnly: true },
        contentId: { type: "string", required: true, readOnly: true },
        channel: { type: CHANNELS, required: true, readOnly: true },
        code: { type: "string", required: true, readOnly: true },
        createdAt: { type: "string", required: true, readOnly: true },
        confirmedAt: { type: "string" },
        confirmedVia: { type: VIA },
      },
      indexes: {
        byMember: {
          pk: {
            field: TableDefinition.partitionKey,
            composite: ["orgId", "memberId"],
            casing: "none",
          },
          sk: {
            field: TableDefinition.sortKey,
            composite: ["contentId", "channel"],
            casing: "none",
          },
        },
      },
    },
    config,
  );
}

/**
 * A link and its claim are written, and confirmed, together, with the outbox item of the
 * event that reports it (so the event can be late, never lost).
 */
export const shareLinkService = Runtime.perRuntime((runtime) => {
  const config = { table: runtime.tableName, client: runtime.document };
  const link = shareLinkEntity(config);
  const key = shareLinkKeyEntity(config);
  const outbox = outboxEntityFor(config);
  return { link, key, service: new Service({ link, key, outbox }, config) };
});

type ShareLinkService = ReturnType<typeof shareLinkService>;
export type ShareLinkItem = EntityItem<ShareLinkService["link"]>;
export type ShareLinkKeyItem = EntityItem<ShareLinkService["key"]>;
export type ShareLinkTransaction = Parameters<
  Parameters<ShareLinkService["service"]["transaction"]["write"]>[0]
>[0];
