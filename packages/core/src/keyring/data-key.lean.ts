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
import { DATA_KEY_ID, type DataKeyStore, type StoredDataKey } from "./data-key";
import { type Sealer, sealerOver } from "./sealer";

export type { Sealer };

/** dataKeyEntity's item (./data-key.entity.ts), without ElectroDB: for the redirect's bundle. */
const ENTITY = "dataKey";
const VERSION = "1";
const key = () =>
  tableKey(
    partitionKey("sprida", [["id", DATA_KEY_ID]], "default"),
    sortKey(ENTITY, VERSION, [], "default"),
  );

export const leanDataKeyStore: DataKeyStore = {
  async read() {
    const { tableName, document } = Runtime.use();
    const { Item } = await document.send(
      new GetCommand({ TableName: tableName, Key: key(), ConsistentRead: true }),
    );
    if (!Item || !belongsTo(Item, ENTITY, VERSION)) return undefined;
    const { wrapped, wrapper, createdAt } = Item;
    if (
      typeof wrapped !== "string" ||
      (wrapper !== "kms" && wrapper !== "local") ||
      typeof createdAt !== "string"
    ) {
      throw new Error("The table's data key item is malformed");
    }
    return { wrapped, wrapper, createdAt } satisfies StoredDataKey;
  },
  async create(item) {
    const { tableName, document } = Runtime.use();
    await document.send(
      new PutCommand({
        TableName: tableName,
        Item: { id: DATA_KEY_ID, ...item, ...key(), ...identifiers(ENTITY, VERSION) },
        ...IS_NEW,
      }),
    );
  },
};

/** `Keyring`'s sealing, over the lean store: the same data key, in the same per-runtime slot. */
export const leanKeyring = sealerOver(leanDataKeyStore);
