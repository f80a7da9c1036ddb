import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { GetItemCommand, ListTablesCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { Runtime } from "@sprida/core/runtime";
import { DYNAMODB_CREDENTIALS_FILE, findFreePort } from "@sprida/local/dynamodb";
import {
  type LocalSystem,
  readConfig,
  repositoryRoot,
  startLocalSystem,
} from "@sprida/local/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNetworkTestHost, type NetworkTestHost } from "../helpers/network-test-host";

const TABLE = "sprida-local";
const VISITOR = fileURLToPath(new URL("./fixtures/dynamodb-visitor.ts", import.meta.url));

interface Attempt {
  answered: boolean;
  value?: unknown;
  error?: string;
}
type Visit = Record<"tables" | "read" | "scan", Attempt> &
  Partial<Record<"plantInExistingTable" | "createOwnTable" | "plantInOwnTable", Attempt>>;

/**
 * The finding: DynamoDB Local listens on every interface, and another machine on the network read
 * `npm start`'s whole table and planted a session. Here the other machine is a network namespace
 * that reaches this one through a non-loopback address (and nothing else).
 */
describe("npm start's DynamoDB Local, seen from another machine on the network", () => {
  let testHost: NetworkTestHost | undefined;
  let system: LocalSystem | undefined;
  let dataDir: string;
  let endpointFromNetwork: string;
  const sessionPk = `SESSION#${randomUUID()}`;
  const session = {
    pk: { S: sessionPk },
    sk: { S: "SESSION" },
    email: { S: "owner@demo.example" },
  };

  beforeAll(async () => {
    testHost = await createNetworkTestHost();
    dataDir = await mkdtemp(join(tmpdir(), "sprida-isolation-"));
    const dynamodbPort = await findFreePort();
    system = await startLocalSystem(
      readConfig({
        SPRIDA_DYNAMODB_PORT: String(dynamodbPort),
        SPRIDA_MAIL_PORT: String(await findFreePort()),
        SPRIDA_DATA_DIR: dataDir,
        SPRIDA_TABLE_NAME: TABLE,
      }),
      { http: false, schedules: false },
    );
    // Written by the system's own client, as the app writes sessions.
    await Runtime.use().dynamo.send(new PutItemCommand({ TableName: TABLE, Item: session }));
    endpointFromNetwork = `http://${testHost.hostAddress}:${dynamodbPort}`;
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
    await testHost?.remove();
  });

  async function visitFromTestHost(accessKeyId: string, plantPk?: string): Promise<Visit> {
    if (testHost === undefined) throw new Error("No test host");
    const { stdout } = await testHost.run(process.execPath, ["--import", "tsx", VISITOR], {
      cwd: repositoryRoot,
      env: {
        ...process.env,
        VISIT_ENDPOINT: endpointFromNetwork,
        VISIT_ACCESS_KEY_ID: accessKeyId,
        VISIT_TABLE: TABLE,
        VISIT_READ_PK: sessionPk,
        ...(plantPk ? { VISIT_PLANT_PK: plantPk } : {}),
      },
      timeoutMs: 60_000,
    });
    return JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as Visit;
  }

  async function installationKey(): Promise<string> {
    const file = join(dataDir, DYNAMODB_CREDENTIALS_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    return (JSON.parse(await readFile(file, "utf8")) as { accessKeyId: string }).accessKeyId;
  }

  it("shows the installation's own key its table over that path (so an empty answer below is not a dead link)", async () => {
    const visit = await visitFromTestHost(await installationKey());

    expect(visit.tables).toEqual({ answered: true, value: [TABLE] });
    expect(visit.read).toEqual({ answered: true, value: session });
  }, 60_000);

  it.each([
    ["a random key", randomBytes(20).toString("hex")],
    ["the fixed key every local client used before", "local"],
  ])(
    "answers %s with an empty database: no tables, no items",
    async (_, key) => {
      const visit = await visitFromTestHost(key);

      // A real DynamoDB answer, not a failed connection...
      expect(visit.tables).toEqual({ answered: true, value: [] });
      // ...and nothing of the installation's to read.
      expect(visit.read).toMatchObject({ answered: true, error: "ResourceNotFoundException" });
      expect(visit.scan).toMatchObject({ answered: true, error: "ResourceNotFoundException" });
    },
    60_000,
  );

  it("keeps a session planted with another key out of the installation's table", async () => {
    const plantedPk = `SESSION#${randomUUID()}`;

    const visit = await visitFromTestHost(randomBytes(20).toString("hex"), plantedPk);

    expect(visit.plantInExistingTable).toMatchObject({
      answered: true,
      error: "ResourceNotFoundException",
    });
    // The limit: a stranger can still make tables of their own, which nothing of ours reads.
    expect(visit.createOwnTable).toMatchObject({ answered: true });
    expect(visit.plantInOwnTable).toMatchObject({ answered: true });
    const { dynamo } = Runtime.use();
    const planted = await dynamo.send(
      new GetItemCommand({
        TableName: TABLE,
        Key: { pk: { S: plantedPk }, sk: { S: "SESSION" } },
        ConsistentRead: true,
      }),
    );
    expect(planted.Item).toBeUndefined();
    expect((await dynamo.send(new ListTablesCommand({}))).TableNames).toEqual([TABLE]);
  }, 60_000);
});
