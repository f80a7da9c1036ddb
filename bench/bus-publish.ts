import { randomUUID } from "node:crypto";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EventRule, OutgoingEvent } from "@sprida/core/event";
import { Probe } from "@sprida/core/probe";
import { type BusLog, LocalBus } from "@sprida/local/bus";
import { checkInterrupted, deferCleanup } from "./cleanup";
import { median, round } from "./stats";

export interface BusPublishOptions {
  /** Events per round, each published on its own (one publish call per event). */
  events: number;
  /** Publishes in flight at once; also the baseline's group size. */
  concurrency: number;
  /** Measured rounds; subject and baseline alternate which goes first. */
  rounds: number;
  /** Events in the unmeasured warm-up round of each. */
  warmupEvents: number;
  log: (message: string) => void;
}

const RULE: EventRule = {
  id: "bench",
  description: "benchmark rule: every probe.sent, no-op target",
  pattern: { source: ["sprida"], "detail-type": [Probe.Events.Sent.name] },
  handler: "packages/functions/src/bench/noop.handler",
  maximumRetryAttempts: 0,
  maximumEventAgeSeconds: 60,
  table: "read",
};

const quiet: BusLog = { info() {}, warn() {}, error: (...args) => console.error(...args) };

interface SubjectRound {
  ms: number;
  /** Journal commits while the publishes ran (acks of early deliveries share them). */
  fsyncsAtPublishEnd: number;
  /** Journal commits once every delivery was acknowledged. */
  fsyncsAfterAcks: number;
  journalBytes: number;
  published: number;
}

/**
 * The durable local bus against ideal group commit: the same events appended to a file
 * with one write + datasync per group of `concurrency`.
 */
export async function benchBusPublish(options: BusPublishOptions) {
  const { events: count, concurrency, rounds, warmupEvents, log } = options;
  const root = await mkdtemp(join(tmpdir(), "sprida-bench-bus-"));
  const removeRoot = deferCleanup(`remove ${root}`, () =>
    rm(root, { recursive: true, force: true }),
  );
  try {
    const events = makeEvents(Math.max(count, warmupEvents));
    const warm = events.slice(0, warmupEvents);
    const measured = events.slice(0, count);

    log(`bus.publish: warm-up (${warmupEvents} events each)`);
    await subjectRound(root, warm, concurrency);
    await baselineRound(root, warm, concurrency);

    const subject: SubjectRound[] = [];
    const baseline: number[] = [];
    for (let round = 0; round < rounds; round++) {
      checkInterrupted();
      const order = round % 2 === 0 ? ["bus", "baseline"] : ["baseline", "bus"];
      for (const which of order) {
        if (which === "bus") subject.push(await subjectRound(root, measured, concurrency));
        else baseline.push(await baselineRound(root, measured, concurrency));
      }
      const last = subject[subject.length - 1];
      const lastBaseline = baseline[baseline.length - 1];
      if (last !== undefined && lastBaseline !== undefined) {
        log(
          `bus.publish: round ${round + 1}/${rounds}: bus ${Math.round(perSecond(count, last.ms))} ev/s, baseline ${Math.round(perSecond(count, lastBaseline))} ev/s`,
        );
      }
    }

    const busRates = subject.map((r) => perSecond(count, r.ms));
    const baselineRates = baseline.map((ms) => perSecond(count, ms));
    const busMedian = median(busRates);
    const baselineMedian = median(baselineRates);
    return {
      events: count,
      concurrency,
      rounds,
      bus: {
        eventsPerSecond: round(busMedian, 0),
        roundsEventsPerSecond: busRates.map((rate) => round(rate, 0)),
        fsyncsPerEvent: round(median(subject.map((r) => r.fsyncsAtPublishEnd / r.published)), 4),
        fsyncsPerEventIncludingAcks: round(
          median(subject.map((r) => r.fsyncsAfterAcks / r.published)),
          4,
        ),
        journalBytesPerEvent: round(median(subject.map((r) => r.journalBytes / r.published)), 0),
      },
      baseline: {
        eventsPerSecond: round(baselineMedian, 0),
        roundsEventsPerSecond: baselineRates.map((rate) => round(rate, 0)),
        fsyncsPerEvent: round(Math.ceil(count / concurrency) / count, 4),
        bytesPerEvent: round(
          measured.reduce((sum, event) => sum + Buffer.byteLength(line(event)), 0) / count,
          0,
        ),
      },
      ratio: round(busMedian / baselineMedian, 3),
      roundRatios: busRates.map((rate, index) => round(rate / (baselineRates[index] ?? NaN), 3)),
      roundRatiosMedian: round(
        median(busRates.map((rate, index) => rate / (baselineRates[index] ?? NaN))),
        3,
      ),
    };
  } finally {
    await removeRoot();
  }
}

function makeEvents(count: number): OutgoingEvent[] {
  return Array.from({ length: count }, () =>
    Probe.Events.Sent.create({ probeId: randomUUID() }, { orgId: "bench" }),
  );
}

function perSecond(count: number, ms: number): number {
  return (count * 1000) / ms;
}

function line(event: OutgoingEvent): string {
  return `${JSON.stringify(event)}\n`;
}

async function subjectRound(
  root: string,
  events: OutgoingEvent[],
  concurrency: number,
): Promise<SubjectRound> {
  const dir = await mkdtemp(join(root, "bus-"));
  const bus = new LocalBus({
    dir,
    rules: [RULE],
    invoke: async () => {},
    replayRequestPollMs: 0,
    log: quiet,
  });
  const stopBus = deferCleanup(`stop bus in ${dir}`, () => bus.stop());
  try {
    await bus.start();
    const started = performance.now();
    await inParallel(events, concurrency, (event) => bus.publish([event]));
    const ms = performance.now() - started;
    const atPublishEnd = bus.stats();
    if (!(await bus.drain(30_000))) throw new Error("bus.publish: deliveries did not finish");
    const afterAcks = bus.stats();
    return {
      ms,
      fsyncsAtPublishEnd: atPublishEnd.fsyncs,
      fsyncsAfterAcks: afterAcks.fsyncs,
      journalBytes: afterAcks.journalBytes,
      published: atPublishEnd.published,
    };
  } finally {
    await stopBus();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Ideal group commit: groups of `groupSize` serialized events, one append + datasync each. */
async function baselineRound(
  root: string,
  events: OutgoingEvent[],
  groupSize: number,
): Promise<number> {
  const path = join(root, `baseline-${randomUUID()}.ndjson`);
  const handle = await open(path, "a");
  try {
    const started = performance.now();
    for (let index = 0; index < events.length; index += groupSize) {
      checkInterrupted();
      await handle.appendFile(
        events
          .slice(index, index + groupSize)
          .map(line)
          .join(""),
      );
      await handle.datasync();
    }
    return performance.now() - started;
  } finally {
    await handle.close();
    await rm(path, { force: true });
  }
}

/** Runs `work` over the items with at most `limit` calls in flight. */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      checkInterrupted();
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
