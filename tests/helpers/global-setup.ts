import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDbLocal,
  ensureTable,
  FAST_STARTUP_JAVA_OPTIONS,
  findFreePort,
  LOCAL_DYNAMODB_REGION,
  type LocalDynamoDbCredentials,
  PortInUseError,
  startDynamoDbLocal,
} from "@sprida/local/dynamodb";
import { ensureWebBuilt } from "@sprida/local/web";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** One DynamoDB Local endpoint per vitest worker (pool id 1 gets the first). */
    dynamoEndpoints: string[];
  }
}

export const TEST_TABLE_NAME = "sprida-test";

/**
 * The tests' key: DynamoDB Local keeps one database per key, so every client of a worker's
 * instance (test files, the local systems they start) uses this one. Fixed, as test data is
 * throwaway and in memory.
 */
export const TEST_DYNAMODB_CREDENTIALS: LocalDynamoDbCredentials = {
  accessKeyId: "test",
  secretAccessKey: "test",
};

/**
 * One DynamoDB Local per worker: parallel workers polling one stream would each see
 * every record, and one Java process should hold one stream-enabled table (a table
 * created later in a busy process writes at a crawl, as measured on these machines).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Once, before any worker: browser tests, the local system and the infra synth read the build.
  if (await ensureWebBuilt()) console.info("Built the web app (packages/web/dist)");
  const workers = Math.max(1, project.config.maxWorkers || 2);
  const ports = await distinctFreePorts(workers);
  const started = await Promise.allSettled(ports.map(startWithTable));
  const instances = started.flatMap((result) =>
    result.status === "fulfilled" ? [result.value] : [],
  );
  const failure = started.find((result) => result.status === "rejected");
  if (failure !== undefined) {
    await Promise.all(instances.map((db) => db.stop()));
    throw failure.reason;
  }
  project.provide(
    "dynamoEndpoints",
    instances.map((db) => db.endpoint),
  );
  return async () => {
    await Promise.all(instances.map((db) => db.stop()));
  };
}

async function startWithTable(port: number): Promise<DynamoDbLocal> {
  const db = await startOnFreePort(port);
  const client = new DynamoDBClient({
    endpoint: db.endpoint,
    region: LOCAL_DYNAMODB_REGION,
    credentials: TEST_DYNAMODB_CREDENTIALS,
  });
  try {
    await ensureTable(client, TEST_TABLE_NAME);
    return db;
  } catch (error) {
    await db.stop();
    throw error;
  } finally {
    client.destroy();
  }
}

const testInstance = {
  credentials: TEST_DYNAMODB_CREDENTIALS,
  javaOptions: FAST_STARTUP_JAVA_OPTIONS,
};

/** A free port can be taken between asking and Java binding it; then try another once. */
async function startOnFreePort(port: number): Promise<DynamoDbLocal> {
  try {
    return await startDynamoDbLocal({ port, ...testInstance });
  } catch (error) {
    if (!(error instanceof PortInUseError)) throw error;
    return startDynamoDbLocal({ port: await findFreePort(), ...testInstance });
  }
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await findFreePort());
  return [...ports];
}
