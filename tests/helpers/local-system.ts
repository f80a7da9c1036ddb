import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findFreePort } from "@sprida/local/dynamodb";
import {
  LOCAL_KEY_FILE,
  type LocalSystem,
  readConfig,
  type StartOptions,
  startLocalSystem,
} from "@sprida/local/runtime";
import { testDynamo } from "./dynamodb";
import { TEST_WRAPPING_KEY } from "./runtime";

export interface TestSystem {
  system: LocalSystem;
  /** http://127.0.0.1:<port>, where the system serves HTTP (unless `http: false`). */
  base: string;
  dataDir: string;
}

/**
 * The whole local system on this worker's DynamoDB Local, with its own ports and data
 * folder (or `dataDir`, to start again on the same data). The stream is read from now on
 * (records of earlier test files are not delivered again); schedules are off.
 */
export async function startTestSystem(
  options: StartOptions & {
    dataDir?: string;
    /** The deployment's origin, for tests that drive the app in-process as `TEST_ORIGIN`. */
    publicOrigin?: string;
  } = {},
): Promise<TestSystem> {
  const { dataDir: given, publicOrigin, ...start } = options;
  const dynamo = testDynamo();
  const port = await findFreePort();
  const dataDir = given ?? (await mkdtemp(join(tmpdir(), "sprida-test-system-")));
  // The worker's table is shared with runtimes that wrap its data key with the test key.
  await writeFile(join(dataDir, LOCAL_KEY_FILE), TEST_WRAPPING_KEY, { mode: 0o600 });
  const system = await startLocalSystem(
    readConfig({
      SPRIDA_PORT: String(port),
      SPRIDA_MAIL_PORT: String(await findFreePort()),
      SPRIDA_DATA_DIR: dataDir,
      SPRIDA_TABLE_NAME: dynamo.tableName,
      ...(publicOrigin && { SPRIDA_PUBLIC_ORIGIN: publicOrigin }),
    }),
    {
      dynamodb: { endpoint: dynamo.endpoint, credentials: dynamo.credentials },
      streamStartAt: "LATEST",
      schedules: false,
      ...start,
    },
  );
  return { system, base: `http://127.0.0.1:${port}`, dataDir };
}

/**
 * Waits until the system is idle: no bus delivery pending and the stream consumers' counts
 * unchanged for `quietMs` (several poll intervals), so a test can assert exact totals (an
 * event counted twice would show) rather than "at least".
 */
export async function untilIdle(system: LocalSystem, quietMs = 2_000, limitMs = 60_000) {
  const deadline = Date.now() + limitMs;
  const snapshot = () =>
    JSON.stringify(
      system.poller.stats().consumers.map(({ id, delivered, failed }) => [id, delivered, failed]),
    );
  let last = snapshot();
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await system.bus.drain(Math.max(0, deadline - Date.now()));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = snapshot();
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) {
      return;
    }
  }
  throw new Error(`The local system was still busy after ${limitMs} ms`);
}
