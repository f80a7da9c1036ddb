import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { belongsTo, partitionKey, sortKey, tableKey } from "../dynamo/electro-keys.lean";
import { Runtime } from "../runtime";
import type { ChannelId } from "../schema";
import { CHANNEL_IDS } from "../schema/channel-ids.lean";

/** What the redirect needs of a tracked link. */
export interface LinkToFollow {
  code: string;
  orgId: string;
  memberId: string;
  contentId: string;
  channel: ChannelId;
  destination: string;
}

/** The `{code}` of `/r/{code}` (LinkCode, ./link-code.ts). */
const LINK_CODE = /^[0-9A-Za-z]{10}$/;

/** The link entity's item (./link.entity.ts), without ElectroDB: for the redirect's bundle. */
const ENTITY = "shareLink";
const VERSION = "1";
const key = (code: string) =>
  tableKey(partitionKey("sprida", [["code", code]], "none"), sortKey(ENTITY, VERSION, [], "none"));

/** An id as `link.clicked` carries it (ClickedProperties). */
const isId = (value: unknown): value is string =>
  typeof value === "string" && value.length >= 1 && value.length <= 64;
const isChannel = (value: unknown): value is ChannelId =>
  (CHANNEL_IDS as readonly unknown[]).includes(value);

/**
 * The link a code names, read consistently with one GetItem, as the share domain reads it;
 * undefined for a malformed or unknown code (nothing is read for a malformed one). A stored
 * link that `link.clicked` could not carry is an error, not a 404.
 */
export async function linkToFollow(code: string): Promise<LinkToFollow | undefined> {
  if (!LINK_CODE.test(code)) return undefined;
  const { tableName, document } = Runtime.use();
  const { Item } = await document.send(
    new GetCommand({ TableName: tableName, Key: key(code), ConsistentRead: true }),
  );
  if (!Item || !belongsTo(Item, ENTITY, VERSION)) return undefined;
  const { orgId, memberId, contentId, channel, destination } = Item;
  if (
    Item.code !== code ||
    !isId(orgId) ||
    !isId(memberId) ||
    !isId(contentId) ||
    !isChannel(channel) ||
    typeof destination !== "string"
  ) {
    throw new Error(`The link ${code} is stored malformed`);
  }
  return { code, orgId, memberId, contentId, channel, destination };
}
