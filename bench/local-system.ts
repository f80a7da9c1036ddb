import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findFreePort } from "@sprida/local/dynamodb";
import { type LocalSystem, readConfig, startLocalSystem } from "@sprida/local/runtime";
import { checkInterrupted, deferCleanup } from "./cleanup";

const BENCH_TABLE_NAME = "sprida-bench";

/**
 * The whole local system for one benchmark, on free ports and a fresh data folder, without
 * schedules (and without HTTP unless asked). `stop` undoes both (and is registered for an interrupted run).
 */
export async function startBenchSystem(
  name: string,
  log: (message: string) => void,
  { http = false }: { http?: boolean } = {},
): Promise<{ system: LocalSystem; tableName: string; stop: () => Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), `sprida-bench-${name}-`));
  const removeDataDir = deferCleanup(`remove ${dataDir}`, () =>
    rm(dataDir, { recursive: true, force: true }),
  );
  let stopSystem: (() => Promise<void>) | undefined;
  const stop = async () => {
    await stopSystem?.();
    await removeDataDir();
  };
  try {
    const config = readConfig({
      SPRIDA_DYNAMODB_PORT: String(await findFreePort()),
      SPRIDA_MAIL_PORT: String(await findFreePort()),
      SPRIDA_DATA_DIR: dataDir,
      SPRIDA_TABLE_NAME: BENCH_TABLE_NAME,
      ...(http && { SPRIDA_PORT: String(await findFreePort()) }),
    });
    checkInterrupted();
    const system = await startLocalSystem(config, {
      http,
      schedules: false,
      progress: ({ step, state, ms }) => {
        if (state === "ready") log(`${name}: ✓ ${step} (${ms} ms)`);
      },
    });
    stopSystem = deferCleanup("stop the local system", () => system.stop());
    checkInterrupted();
    return { system, tableName: config.SPRIDA_TABLE_NAME, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
