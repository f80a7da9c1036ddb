import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { LOCAL_DYNAMODB_REGION, type LocalDynamoDbCredentials } from "@sprida/local/dynamodb";
import { repairEmptyMaps } from "@sprida/local/stream";
import { inject } from "vitest";
import { TEST_DYNAMODB_CREDENTIALS, TEST_TABLE_NAME } from "./global-setup";

export interface TestDynamo {
  endpoint: string;
  /** Selects the tests' database in DynamoDB Local (one per key). */
  credentials: LocalDynamoDbCredentials;
  tableName: string;
  client: DynamoDBClient;
  streamsClient: DynamoDBStreamsClient;
}

let cached: TestDynamo | undefined;

/**
 * The DynamoDB Local of this worker. The table is shared by the test files that run
 * in this worker (one after another), so tests use unique key prefixes.
 */
export function testDynamo(): TestDynamo {
  if (cached !== undefined) return cached;
  const endpoints = inject("dynamoEndpoints");
  const endpoint = endpoints[workerIndex(endpoints.length)];
  if (endpoint === undefined) throw new Error("The global setup provided no DynamoDB endpoints");
  const config = {
    endpoint,
    region: LOCAL_DYNAMODB_REGION,
    credentials: TEST_DYNAMODB_CREDENTIALS,
  };
  cached = {
    endpoint,
    credentials: TEST_DYNAMODB_CREDENTIALS,
    tableName: TEST_TABLE_NAME,
    client: new DynamoDBClient(config),
    streamsClient: repairEmptyMaps(new DynamoDBStreamsClient(config)),
  };
  return cached;
}

/**
 * Vitest 4 sets VITEST_POOL_ID to 1..maxWorkers and reuses an id only after its
 * previous worker ended, so no two concurrent workers share it. Modulo keeps us
 * inside the list if a run is configured with more workers than instances.
 */
function workerIndex(instances: number): number {
  const poolId = Number.parseInt(process.env.VITEST_POOL_ID ?? "1", 10);
  if (!Number.isFinite(poolId) || poolId < 1) return 0;
  return (poolId - 1) % instances;
}
