import { spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
} from "@aws-sdk/client-dynamodb";
import { TableDefinition } from "@sprida/core/dynamo";
import { afterEach, describe, expect, it } from "vitest";
import { findFreePort } from "../process/ports";
import { ensureTable } from "./ensure-table";
import { JAVA_MISSING_MESSAGE } from "./java-binary";
import { LOCAL_DYNAMODB_REGION } from "./local-credentials";
import { startDynamoDbLocal } from "./start-dynamodb-local";

/** A JVM start on a busy two-core machine can take a while; nothing here asserts durations. */
const JVM_START_TIMEOUT_MS = 60_000;

const credentials = { accessKeyId: "launcher", secretAccessKey: "launcher" };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

describe("startDynamoDbLocal", () => {
  const originalJava = process.env.SPRIDA_JAVA;
  afterEach(() => {
    if (originalJava === undefined) delete process.env.SPRIDA_JAVA;
    else process.env.SPRIDA_JAVA = originalJava;
  });

  it("says in one line how to install Java when it is missing", async () => {
    process.env.SPRIDA_JAVA = "/nonexistent/bin/java";
    const port = await findFreePort();
    const error = await startDynamoDbLocal({ port, credentials }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(JAVA_MISSING_MESSAGE);
    expect((error as Error).message).toBe(
      "Java 17 is required for DynamoDB Local. Install it with: apt-get install -y openjdk-17-jre-headless",
    );
  });

  it("names the port and the variable that changes it when the port is taken", async () => {
    const port = await findFreePort();
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, "127.0.0.1", resolve));
    try {
      await expect(
        startDynamoDbLocal({ port, credentials, portVariable: "SPRIDA_DYNAMODB_PORT" }),
      ).rejects.toThrow(new RegExp(`Port ${port} .*SPRIDA_DYNAMODB_PORT`));
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it(
    "answers requests, ensures the table once, shows it to no other key, and stop() ends Java",
    async () => {
      const db = await startDynamoDbLocal({ port: await findFreePort(), credentials });
      const clientWith = (key: typeof credentials) =>
        new DynamoDBClient({
          endpoint: db.endpoint,
          region: LOCAL_DYNAMODB_REGION,
          credentials: key,
        });
      const client = clientWith(credentials);
      const stranger = clientWith({ accessKeyId: "stranger", secretAccessKey: "launcher" });
      try {
        await client.send(new ListTablesCommand({}));
        expect(await ensureTable(client, "launcher-test")).toEqual({ created: true });
        expect(await ensureTable(client, "launcher-test")).toEqual({ created: false });
        const { Table } = await client.send(
          new DescribeTableCommand({ TableName: "launcher-test" }),
        );
        expect(Table?.TableStatus).toBe("ACTIVE");
        expect(Table?.StreamSpecification?.StreamEnabled).toBe(true);
        const ttl = await client.send(
          new DescribeTimeToLiveCommand({ TableName: "launcher-test" }),
        );
        expect(ttl.TimeToLiveDescription?.AttributeName).toBe(TableDefinition.timeToLiveAttribute);
        // No -sharedDb: each access key id has a database of its own.
        expect((await stranger.send(new ListTablesCommand({}))).TableNames).toEqual([]);
      } finally {
        client.destroy();
        stranger.destroy();
        await db.stop();
      }
      expect(isAlive(db.pid)).toBe(false);
    },
    JVM_START_TIMEOUT_MS,
  );

  it(
    "takes Java down when its Node parent is SIGKILLed",
    async () => {
      const fixture = fileURLToPath(new URL("./fixtures/start-and-print-pid.ts", import.meta.url));
      const port = await findFreePort();
      const parent = spawn(process.execPath, ["--import", "tsx", fixture, String(port)], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      try {
        let stderr = "";
        parent.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk.toString("utf8");
        });
        const javaPid = await new Promise<number>((resolve, reject) => {
          let stdout = "";
          parent.stdout.on("data", (chunk: Buffer) => {
            stdout += chunk.toString("utf8");
            const match = /\{"javaPid":(\d+)\}/.exec(stdout);
            if (match?.[1] !== undefined) resolve(Number(match[1]));
          });
          parent.once("exit", (code) => reject(new Error(`fixture exited (${code}): ${stderr}`)));
        });
        expect(isAlive(javaPid)).toBe(true);

        parent.kill("SIGKILL");

        expect(await waitUntilGone(javaPid, 15_000)).toBe(true);
      } finally {
        // Only matters when an assertion failed before the kill.
        parent.kill("SIGKILL");
      }
    },
    JVM_START_TIMEOUT_MS,
  );
});
