import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { findFreePort } from "../process/ports";
import { ensureTable } from "./ensure-table";
import { prepareInstallationDatabase } from "./installation-database";
import { locateDynamoDbLocalJar } from "./jar-location";
import { resolveJavaBinary } from "./java-binary";
import { LOCAL_DYNAMODB_REGION, type LocalDynamoDbCredentials } from "./local-credentials";
import { launchBoundToParent } from "./parent-bound-launch";
import { databaseFileOf, SHARED_DATABASE_FILE } from "./shared-database-migration";
import { FAST_STARTUP_JAVA_OPTIONS, startDynamoDbLocal } from "./start-dynamodb-local";

/** The key every local client used while DynamoDB Local ran with -sharedDb. */
const EARLIER_KEY = { accessKeyId: "local", secretAccessKey: "local" };
const JVM_TIMEOUT_MS = 90_000;

const freshDataDir = async () =>
  join(await mkdtemp(join(tmpdir(), "sprida-migration-")), ".sprida");

function clientOf(endpoint: string, credentials: LocalDynamoDbCredentials) {
  return new DynamoDBClient({ endpoint, region: LOCAL_DYNAMODB_REGION, credentials });
}

describe("the shared database of earlier starts", () => {
  it("is left alone on a new installation, which has none", async () => {
    const dataDir = await freshDataDir();

    const prepared = await prepareInstallationDatabase(dataDir);

    expect(prepared).toMatchObject({ createdCredentials: true, migrated: false });
    expect(await readdir(prepared.dbPath)).toEqual([]);
  });

  it("goes to the installation's key once, with its SQLite journal", async () => {
    const dataDir = await freshDataDir();
    const dbPath = join(dataDir, "dynamodb");
    await mkdir(dbPath, { recursive: true });
    await writeFile(join(dbPath, SHARED_DATABASE_FILE), "earlier data");
    await writeFile(join(dbPath, `${SHARED_DATABASE_FILE}-journal`), "earlier journal");

    const first = await prepareInstallationDatabase(dataDir);
    const second = await prepareInstallationDatabase(dataDir);

    const own = databaseFileOf(first.credentials);
    expect(first.migrated).toBe(true);
    expect(second).toMatchObject({ createdCredentials: false, migrated: false });
    expect((await readdir(dbPath)).sort()).toEqual([own, `${own}-journal`]);
    expect(await readFile(join(dbPath, own), "utf8")).toBe("earlier data");
    expect(await readFile(join(dbPath, `${own}-journal`), "utf8")).toBe("earlier journal");
  });

  it("never replaces the key's own database when an older Sprida writes a shared one later", async () => {
    const dataDir = await freshDataDir();
    const { dbPath, credentials } = await prepareInstallationDatabase(dataDir);
    const own = join(dbPath, databaseFileOf(credentials));
    await writeFile(own, "the key's data");
    await writeFile(join(dbPath, SHARED_DATABASE_FILE), "written by an older Sprida");

    expect((await prepareInstallationDatabase(dataDir)).migrated).toBe(false);
    expect(await readFile(own, "utf8")).toBe("the key's data");
    expect(await readFile(join(dbPath, SHARED_DATABASE_FILE), "utf8")).toBe(
      "written by an older Sprida",
    );
  });

  it(
    "is readable with the new key in a real DynamoDB Local, and no longer with the old fixed key",
    async () => {
      const dataDir = await freshDataDir();
      const dbPath = join(dataDir, "dynamodb");
      await mkdir(dbPath, { recursive: true });
      const session = { pk: { S: "SESSION#earlier" }, sk: { S: "SESSION" } };
      const earlier = await startAsEarlierSprida(dbPath);
      const earlierClient = clientOf(earlier.endpoint, EARLIER_KEY);
      try {
        await ensureTable(earlierClient, "sprida-local");
        await earlierClient.send(new PutItemCommand({ TableName: "sprida-local", Item: session }));
      } finally {
        earlierClient.destroy();
        await earlier.stop();
      }
      expect(await readdir(dbPath)).toEqual([SHARED_DATABASE_FILE]);

      const { credentials, migrated } = await prepareInstallationDatabase(dataDir);
      const db = await startDynamoDbLocal({
        port: await findFreePort(),
        credentials,
        dataDir: dbPath,
        javaOptions: FAST_STARTUP_JAVA_OPTIONS,
      });
      const installation = clientOf(db.endpoint, credentials);
      const oldKey = clientOf(db.endpoint, EARLIER_KEY);
      try {
        expect(migrated).toBe(true);
        const { Item } = await installation.send(
          new GetItemCommand({ TableName: "sprida-local", Key: session, ConsistentRead: true }),
        );
        expect(Item).toEqual(session);
        expect((await oldKey.send(new ListTablesCommand({}))).TableNames).toEqual([]);
      } finally {
        installation.destroy();
        oldKey.destroy();
        await db.stop();
      }
    },
    JVM_TIMEOUT_MS,
  );
});

/** DynamoDB Local as `npm start` ran it before installations had a key of their own. */
async function startAsEarlierSprida(dbPath: string) {
  const port = await findFreePort();
  const { jar, nativeLibraries } = locateDynamoDbLocalJar();
  const launched = await launchBoundToParent(resolveJavaBinary(), [
    ...FAST_STARTUP_JAVA_OPTIONS,
    `-Djava.library.path=${nativeLibraries}`,
    "-jar",
    jar,
    "-port",
    String(port),
    "-sharedDb",
    "-dbPath",
    dbPath,
    "-disableTelemetry",
  ]);
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    // Closing stdin makes the wrapper stop Java (see parent-bound-launch.ts).
    launched.wrapper.stdin?.end();
    await launched.exited;
  };
  const probe = clientOf(endpoint, EARLIER_KEY);
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await probe.send(new ListTablesCommand({}));
        return { endpoint, stop };
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await sleep(100);
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    probe.destroy();
  }
}
