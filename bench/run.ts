// Before anything builds an AWS SDK client: Node 20 is this project's local runtime by choice.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

import { availableParallelism } from "node:os";
import { cleanUpAll } from "./cleanup";

/**
 * `npm run bench`: every benchmark, each against a baseline measured in the same run,
 * as one JSON document on stdout. Progress and anything else goes to stderr.
 */
const log = (message: string) => process.stderr.write(`${message}\n`);

// stdout carries the JSON only: whatever the code under test prints goes to stderr.
console.log = console.error;
console.info = console.error;
console.debug = console.error;

let interrupted = false;
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`bench: ${signal}, cleaning up…`);
    void cleanUpAll(log).finally(() => process.exit(code));
  });
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const began = performance.now();
  // Imported only now, so the SDK sees the variable above whatever it does at import time.
  const { benchBusPublish } = await import("./bus-publish");
  const { benchPipelineFreshness } = await import("./pipeline-freshness");

  const benchmarks: Record<string, unknown> = {};
  log("bench: bus.publish");
  benchmarks["bus.publish"] = await benchBusPublish({
    events: 2_000,
    concurrency: 32,
    rounds: 5,
    warmupEvents: 500,
    log,
  });
  log("bench: pipeline.freshness");
  benchmarks["pipeline.freshness"] = await benchPipelineFreshness({
    probes: 30,
    pollMs: 5,
    probeTimeoutMs: 30_000,
    log,
  });

  const result = {
    machine: { cpus: availableParallelism(), node: process.version },
    startedAt,
    durationMs: Math.round(performance.now() - began),
    benchmarks,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main()
  .catch((error: unknown) => {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanUpAll(log);
    // Everything is stopped; a handle still open must not keep the process alive.
    setTimeout(() => {
      log("bench: handles still open after cleanup; exiting");
      process.exit();
    }, 5_000).unref();
  });
