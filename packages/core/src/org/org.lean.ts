import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { belongsTo, partitionKey, sortKey, tableKey } from "../dynamo/electro-keys.lean";
import { Runtime } from "../runtime";

/** What the click path reads of an organisation. */
export interface OrgClickFields {
  orgId: string;
  timeZone: string;
  ownDomains: string[];
  internalNetworks: string[];
}

/** organisationEntity's item (./org.entity.ts), without ElectroDB: for the redirect's bundle. */
const ENTITY = "organisation";
const VERSION = "1";
const key = (orgId: string) =>
  tableKey(
    partitionKey("sprida", [["orgId", orgId]], "default"),
    sortKey(ENTITY, VERSION, [], "default"),
  );

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((entry) => typeof entry === "string");

/**
 * The organisation's time zone, own domains and internal networks, read consistently as
 * `Org.find` reads it; undefined for an organisation that does not exist (or is gone). Only
 * these attributes are read and checked: the rest of the item is the API's business.
 */
export async function readOrgClickFields(orgId: string): Promise<OrgClickFields | undefined> {
  const { tableName, document } = Runtime.use();
  const { Item } = await document.send(
    new GetCommand({
      TableName: tableName,
      Key: key(orgId),
      ConsistentRead: true,
      ProjectionExpression: "#e, #v, #timeZone, #ownDomains, #internalNetworks",
      ExpressionAttributeNames: {
        "#e": "__edb_e__",
        "#v": "__edb_v__",
        "#timeZone": "timeZone",
        "#ownDomains": "ownDomains",
        "#internalNetworks": "internalNetworks",
      },
    }),
  );
  if (!Item || !belongsTo(Item, ENTITY, VERSION)) return undefined;
  const { timeZone, ownDomains, internalNetworks } = Item;
  if (typeof timeZone !== "string" || !isStrings(ownDomains) || !isStrings(internalNetworks)) {
    throw new Error(`The organisation ${orgId} is stored malformed`);
  }
  return { orgId, timeZone, ownDomains, internalNetworks };
}
