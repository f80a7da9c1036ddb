import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { DeliveredEvent, EventRule, OutgoingEvent } from "@sprida/core/event";
import { journalPath, readJournal } from "./journal";
import { type BusLog, LocalBus, type LocalBusOptions } from "./local-bus";
import type { JournalRecord } from "./records";

/** Shared builders for the bus tests; each test gets its own directory and buses. */
export function busFixture() {
  const dirs: string[] = [];
  const buses: LocalBus[] = [];
  return {
    async dir(): Promise<string> {
      const dir = await mkdtemp(join(tmpdir(), "sprida-bus-"));
      dirs.push(dir);
      return dir;
    },
    /** A started bus; `cleanUp` stops it without waiting long for hung targets. */
    async bus(options: Partial<LocalBusOptions> & Pick<LocalBusOptions, "dir">): Promise<LocalBus> {
      const bus = new LocalBus({
        rules: [],
        invoke: async () => {},
        retry: { baseDelayMs: 5, maxDelayMs: 20 },
        stopTimeoutMs: 200,
        replayRequestPollMs: 0,
        log: quietLog,
        ...options,
      });
      buses.push(bus);
      await bus.start();
      return bus;
    },
    async cleanUp(): Promise<void> {
      await Promise.all(buses.splice(0).map((bus) => bus.stop()));
      await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

export const quietLog: BusLog = { info() {}, warn() {}, error: console.error };

export function rule(id: string, overrides: Partial<EventRule> = {}): EventRule {
  return {
    id,
    description: `test rule ${id}`,
    pattern: { source: ["sprida"] },
    handler: `packages/functions/src/events/${id}.handler`,
    maximumRetryAttempts: 2,
    maximumEventAgeSeconds: 3600,
    table: "read",
    ...overrides,
  };
}

export function forType(...detailTypes: string[]) {
  return { source: ["sprida"], "detail-type": detailTypes };
}

export function outgoing(detailType = "share.created", properties: unknown = {}): OutgoingEvent {
  return {
    source: "sprida",
    detailType,
    detail: {
      properties,
      metadata: {
        eventId: randomUUID(),
        orgId: "org_test",
        occurredAt: new Date().toISOString(),
        correlationId: randomUUID(),
      },
    },
  };
}

/** Records what each rule's target received. */
export function recorder() {
  const calls: { ruleId: string; event: DeliveredEvent }[] = [];
  return {
    calls,
    invoke: async (rule: EventRule, event: DeliveredEvent) => {
      calls.push({ ruleId: rule.id, event });
    },
    for: (ruleId: string) => calls.filter((call) => call.ruleId === ruleId),
  };
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

export async function journalRecords(dir: string): Promise<JournalRecord[]> {
  return (await readJournal(journalPath(dir))).records;
}

export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
