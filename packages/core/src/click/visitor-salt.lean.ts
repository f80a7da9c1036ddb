import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import {
  belongsTo,
  IS_NEW,
  identifiers,
  partitionKey,
  sortKey,
  tableKey,
} from "../dynamo/electro-keys.lean";
import { Runtime } from "../runtime";

/** Every salt of every organisation sits in one partition, so the purge job is one query. */
export const SALT_GROUP = "visitorSalts";

/** A salt's item as visitorSaltEntity (./visitor-salt.entity.ts) stores it. */
export interface StoredSalt {
  orgId: string;
  day: string;
  /** 32 random bytes, sealed (Keyring); base64 in salts made before sealing. */
  value: string;
  createdAt: string;
  /** Epoch seconds; a cost saving only: the purge job is what deletes a salt. */
  expiresAt: number;
}

/**
 * The salt items without ElectroDB, for the click path's bundle (the purge job queries them
 * through the entity): same keys, same attributes, same identifiers.
 */
const ENTITY = "visitorSalt";
const VERSION = "1";
const key = (orgId: string, day: string) =>
  tableKey(
    partitionKey("sprida", [["group", SALT_GROUP]], "none"),
    sortKey(
      ENTITY,
      VERSION,
      [
        ["day", day],
        ["orgId", orgId],
      ],
      "none",
    ),
  );

/** The salt of an organisation's day, read consistently; undefined if none was made yet. */
export async function readSalt(orgId: string, day: string): Promise<StoredSalt | undefined> {
  const { tableName, document } = Runtime.use();
  const { Item } = await document.send(
    new GetCommand({ TableName: tableName, Key: key(orgId, day), ConsistentRead: true }),
  );
  if (!Item || !belongsTo(Item, ENTITY, VERSION)) return undefined;
  const { value, createdAt, expiresAt } = Item;
  if (typeof value !== "string" || typeof createdAt !== "string" || typeof expiresAt !== "number") {
    throw new Error(`The visitor salt of ${orgId} for ${day} is stored malformed`);
  }
  return { orgId, day, value, createdAt, expiresAt };
}

/** Writes a salt unless one exists (a conditional check failure then): the first writer wins. */
export async function createSalt(salt: StoredSalt): Promise<void> {
  const { tableName, document } = Runtime.use();
  await document.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        group: SALT_GROUP,
        ...salt,
        ...key(salt.orgId, salt.day),
        ...identifiers(ENTITY, VERSION),
      },
      ...IS_NEW,
    }),
  );
}
