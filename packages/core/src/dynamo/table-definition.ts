import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * The single table, defined once. The infra stack (infra/storage.ts) and the local
 * runtime both build the real table from this, so keys and indexes cannot drift.
 * Only `*.entity.ts` files know how items map onto these attributes.
 */
export const TableDefinition = {
  partitionKey: "pk",
  sortKey: "sk",
  globalIndexes: {
    gsi1: { partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    gsi2: { partitionKey: "gsi2pk", sortKey: "gsi2sk" },
  },
  stream: "NEW_AND_OLD_IMAGES",
  /** Epoch seconds. Expiry is a cost saving only: correctness never relies on TTL. */
  timeToLiveAttribute: "expiresAt",
} as const;

export type GlobalIndexName = keyof typeof TableDefinition.globalIndexes;

export const globalIndexNames = Object.keys(TableDefinition.globalIndexes) as GlobalIndexName[];

/** The key attributes of every index, table first: what an item must carry to sit in each. */
export function indexKeyAttributes(): { index: "table" | GlobalIndexName; attributes: string[] }[] {
  return [
    { index: "table", attributes: [TableDefinition.partitionKey, TableDefinition.sortKey] },
    ...globalIndexNames.map((name) => {
      const index = TableDefinition.globalIndexes[name];
      return { index: name, attributes: [index.partitionKey, index.sortKey] };
    }),
  ];
}

/** CreateTable input for DynamoDB Local and tests; on AWS the SST Table construct is used. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const { partitionKey, sortKey, globalIndexes, stream } = TableDefinition;
  const indexAttributes = Object.values(globalIndexes).flatMap((i) => [i.partitionKey, i.sortKey]);
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [partitionKey, sortKey, ...indexAttributes].map((name) => ({
      AttributeName: name,
      AttributeType: "S",
    })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: "HASH" },
      { AttributeName: sortKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: Object.entries(globalIndexes).map(([name, index]) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: "HASH" },
        { AttributeName: index.sortKey, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: stream },
  };
}
