// Before anything builds an AWS SDK client: Node 20 is this project's local runtime by choice.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

import { availableParallelism } from "node:os";
import { cleanUpAll, interruption } from "./cleanup";

/**
 * `npm run bench`: every benchmark, each against a baseline measured in the same run,
 * as one JSON document on stdout. Progress and anything else goes to stderr.
 */
const log = (message: string) => process.stderr.write(`${message}\n`);

// stdout carries the JSON only: whatever the code under test prints goes to stderr.
console.log = console.error;
console.info = console.error;
console.debug = console.error;

/** Settles when main() has finished, its own `finally` blocks included. */
let finished: Promise<void> = Promise.resolve();
let interrupted = false;
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
  process.on(signal, () => {
    if (interrupted) {
      log(`bench: ${signal} again, stopping now`);
      void cleanUpAll(log).finally(() => process.exit(code));
      return;
    }
    interrupted = true;
    log(`bench: ${signal}, cleaning up…`);
    interruption.abort(new Error(`interrupted by ${signal}`));
    // Let the benchmarks unwind through their own cleanup, then undo whatever is left.
    const patience = new Promise((resolve) => setTimeout(resolve, 20_000).unref());
    void Promise.race([finished, patience])
      .then(() => cleanUpAll(log))
      .finally(() => process.exit(code));
  });
}

/** The benchmarks in order; each is imported only when it runs (see `run`). */
const suite: { name: string; run: () => Promise<unknown> }[] = [
  {
    name: "bus.publish",
    run: async () =>
      (await import("./bus-publish")).benchBusPublish({
        events: 2_000,
        concurrency: 32,
        rounds: 7,
        warmupEvents: 2_000,
        log,
      }),
  },
  {
    name: "pipeline.freshness",
    run: async () =>
      (await import("./pipeline-freshness")).benchPipelineFreshness({
        probes: 30,
        pollMs: 5,
        probeTimeoutMs: 30_000,
        log,
      }),
  },
  {
    name: "redirect",
    run: async () =>
      (await import("./redirect")).benchRedirect({
        requests: 500,
        concurrency: 16,
        rounds: 5,
        warmupRequests: 200,
        drainTimeoutMs: 120_000,
        quietMs: 1_000,
        log,
      }),
  },
  {
    name: "invite.csv",
    run: async () =>
      (await import("./invite-csv")).benchInviteCsv({
        baselineRows: 100,
        fileRows: [1_000, 10_000],
        log,
      }),
  },
  {
    name: "hub",
    run: async () => (await import("./hub")).benchHub({ rounds: 5, items: 30, log }),
  },
  {
    name: "admin",
    run: async () => (await import("./admin")).benchAdmin({ historyDays: 365, log }),
  },
  {
    name: "tally.window",
    run: async () =>
      (await import("./tally-window")).benchTallyWindow({
        organisations: [
          {
            name: "1,000 members",
            members: 1_000,
            clicksPerMonth: 100_000,
            links: 600,
            contentItems: 40,
          },
          {
            name: "10,000 members",
            members: 10_000,
            clicksPerMonth: 2_000_000,
            links: 6_000,
            contentItems: 120,
          },
        ],
        batchSizes: [1, 2, 4, 8, 16, 32, 64, 128, 256],
        samples: 5,
        windowsSeconds: [1, 10, 30, 60, 120, 300],
        log,
      }),
  },
  {
    name: "report.rollup",
    run: async () =>
      (await import("./report-rollup")).benchReportRollup({
        histories: [40, 400],
        rounds: 5,
        dashboardDays: 365,
        log,
      }),
  },
];

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const began = performance.now();
  const benchmarks: Record<string, unknown> = {};
  // `npm run bench -- hub redirect` runs only the benchmarks named.
  const only = process.argv.slice(2);
  for (const { name, run } of suite.filter(
    ({ name }) => only.length === 0 || only.includes(name),
  )) {
    log(`bench: ${name}`);
    try {
      // Imported only now, so the SDK sees the variable above whatever it does at import time.
      benchmarks[name] = await run();
    } catch (error) {
      if (interruption.signal.aborted) throw error;
      // One failing benchmark does not hide the others' figures; the exit code says it failed.
      log(
        `bench: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      benchmarks[name] = { error: error instanceof Error ? error.message : String(error) };
      process.exitCode = 1;
    }
  }

  const result = {
    machine: { cpus: availableParallelism(), node: process.version },
    startedAt,
    durationMs: Math.round(performance.now() - began),
    benchmarks,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

finished = main()
  .catch((error: unknown) => {
    if (interruption.signal.aborted) return;
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    if (interrupted) return; // the signal handler finishes the cleanup and exits
    await cleanUpAll(log);
    // Everything is stopped; a handle still open must not keep the process alive.
    setTimeout(() => {
      log("bench: handles still open after cleanup; exiting");
      process.exit();
    }, 5_000).unref();
  });
