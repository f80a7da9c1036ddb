import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { meterDynamoDb } from "@sprida/core/dynamo";
import { Probe } from "@sprida/core/probe";
import { Runtime } from "@sprida/core/runtime";
import { Tally } from "@sprida/core/tally";
import type { LocalSystem } from "@sprida/local/runtime";
import { checkInterrupted } from "./cleanup";
import { startBenchSystem } from "./local-system";
import { median, round, summary } from "./stats";

export interface PipelineFreshnessOptions {
  /** Probes measured (one unmeasured warm-up probe comes first). */
  probes: number;
  /** How often the tally's counter is read while waiting. */
  pollMs: number;
  /** Give up on one probe after this long. */
  probeTimeoutMs: number;
  log: (message: string) => void;
}

/**
 * Publish → bus → ingest → ledger → stream → tally on the whole local system, against a
 * bare PutItem + GetItem round trip on the same DynamoDB Local, interleaved probe by probe.
 */
export async function benchPipelineFreshness(options: PipelineFreshnessOptions) {
  const { probes, log } = options;
  let stopSystem: (() => Promise<void>) | undefined;
  try {
    const startedAt = performance.now();
    const started = await startBenchSystem("pipeline.freshness", log);
    stopSystem = started.stop;
    const { system, tableName } = started;
    const startupMs = performance.now() - startedAt;

    const { dynamo } = Runtime.use();
    // Before any probe: every write the pipeline makes goes through this client.
    const meter = meterDynamoDb(dynamo);
    const context = { system, options, days: new Set<string>() };

    log("pipeline.freshness: warm-up probe");
    await probeOnce(context);
    await baselineOnce(tableName);
    meter.reset();

    const freshness: number[] = [];
    const publish: number[] = [];
    const baseline: number[] = [];
    let writeUnits = 0;
    const writesByOperation: Record<string, number> = {};
    for (let index = 0; index < probes; index++) {
      checkInterrupted();
      const probeFirst = index % 2 === 0;
      if (!probeFirst) baseline.push(await baselineOnce(tableName));

      // Only this probe's writes happen between the two snapshots: the baseline runs outside.
      const before = meter.snapshot();
      const result = await probeOnce(context);
      const after = meter.snapshot();
      freshness.push(result.freshnessMs);
      publish.push(result.publishMs);
      writeUnits += after.writeUnits - before.writeUnits;
      for (const [operation, tally] of Object.entries(after.byOperation)) {
        const added = tally.writeUnits - (before.byOperation[operation]?.writeUnits ?? 0);
        if (added > 0) writesByOperation[operation] = (writesByOperation[operation] ?? 0) + added;
      }

      if (probeFirst) baseline.push(await baselineOnce(tableName));
      if ((index + 1) % 10 === 0 || index + 1 === probes) {
        log(
          `pipeline.freshness: ${index + 1}/${probes} probes, median ${Math.round(median(freshness))} ms`,
        );
      }
    }

    const freshnessMedian = median(freshness);
    const baselineMedian = median(baseline);
    return {
      probes,
      pollMs: options.pollMs,
      startupMs: Math.round(startupMs),
      freshnessMs: summary(freshness, 1),
      publishMs: summary(publish, 2),
      baseline: { putGetMs: summary(baseline, 2) },
      ratio: round(freshnessMedian / baselineMedian, 1),
      writeUnitsPerProbe: round(writeUnits / probes, 2),
      writeUnitsPerProbeByOperation: Object.fromEntries(
        Object.entries(writesByOperation).map(([operation, units]) => [
          operation,
          round(units / probes, 2),
        ]),
      ),
    };
  } finally {
    await stopSystem?.();
  }
}

interface ProbeContext {
  system: LocalSystem;
  options: PipelineFreshnessOptions;
  /** Every UTC day a probe was sent on (more than one only across midnight). */
  days: Set<string>;
}

/**
 * Sends one probe and returns how long its count took to show in the tally. Resolves only
 * once the pipeline is idle again (ingest acknowledged, the tally's batch returned), so the
 * meter has seen every write the probe caused.
 */
async function probeOnce(context: ProbeContext) {
  const { system, options, days } = context;
  days.add(today());
  const before = await probeCount(days);
  const deliveredBefore = tallyDelivered(system);

  const started = performance.now();
  await Probe.send();
  const publishMs = performance.now() - started;
  let freshnessMs: number | undefined;
  while (freshnessMs === undefined) {
    checkInterrupted();
    days.add(today());
    if ((await probeCount(days)) > before) {
      freshnessMs = performance.now() - started;
      break;
    }
    if (performance.now() - started > options.probeTimeoutMs) {
      throw new Error(
        `pipeline.freshness: a probe did not reach the tally within ${options.probeTimeoutMs} ms`,
      );
    }
    await sleep(options.pollMs);
  }

  while (tallyDelivered(system) <= deliveredBefore || system.bus.stats().pendingDeliveries > 0) {
    checkInterrupted();
    if (performance.now() - started > options.probeTimeoutMs) {
      throw new Error("pipeline.freshness: the pipeline did not settle after a probe");
    }
    await sleep(1);
  }
  return { freshnessMs, publishMs };
}

async function probeCount(days: Set<string>): Promise<number> {
  let total = 0;
  for (const day of days) {
    total += (await Tally.orgDay(Probe.SYSTEM_ORG_ID, day)).probes;
  }
  return total;
}

function tallyDelivered(system: LocalSystem): number {
  return (
    system.poller.stats().consumers.find((consumer) => consumer.id === "tally")?.delivered ?? 0
  );
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** One bare PutItem and a consistent GetItem of the same item, in ms. */
async function baselineOnce(tableName: string): Promise<number> {
  const { dynamo } = Runtime.use();
  const key = { pk: { S: "bench#baseline" }, sk: { S: randomUUID() } };
  const started = performance.now();
  await dynamo.send(
    new PutItemCommand({ TableName: tableName, Item: { ...key, value: { N: "1" } } }),
  );
  const { Item } = await dynamo.send(
    new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
  );
  const ms = performance.now() - started;
  if (Item === undefined)
    throw new Error("pipeline.freshness: the baseline item was not read back");
  return ms;
}
