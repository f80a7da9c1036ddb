import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import {
  type DeliveredEvent,
  type EventRule,
  OutgoingEvent,
  type Publisher,
} from "@sprida/core/event";
import { Log } from "@sprida/core/log";
import { matchesPattern, validatePattern } from "../pattern/event-pattern";
import { pendingReplayRequests } from "./dead-letters";
import {
  DEFAULT_RETRY,
  deliver,
  Limiter,
  type Outcome,
  type RetryPolicy,
  stopController,
} from "./delivery";
import { JournalWriter, journalPath, readJournal, serialize, writeFileDurably } from "./journal";
import { type DeadLetter, type DeadRecord, deliveryKey, type JournalRecord } from "./records";
import { compact, foldJournal, toDeadLetter } from "./state";

/** Where the bus reports what it does; the logger by default (tests pass a quiet one). */
export interface BusLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

const operationalLog: BusLog = {
  info: (message) => Log.info(message, { component: "bus" }),
  warn: (message) => Log.warn(message, { component: "bus" }),
  error: (message, error) => Log.error(message, { component: "bus", error }),
};

export interface LocalBusOptions {
  /** Directory holding the journal and replay requests, e.g. `.sprida/bus`. */
  dir: string;
  rules: EventRule[];
  /** Runs a rule's target; throwing fails the attempt. */
  invoke: (rule: EventRule, event: DeliveredEvent) => Promise<void>;
  retry?: Partial<RetryPolicy>;
  /** Invocations of one rule running at once; EventBridge gives no order guarantee either. */
  concurrencyPerRule?: number;
  /** How long stop() lets running invocations finish; unfinished ones stay pending. */
  stopTimeoutMs?: number;
  /** How often a running bus looks for replay requests from `requestReplay`; 0 turns it off. */
  replayRequestPollMs?: number;
  /** Called once a dead letter is durably recorded (the local stand-in for a DLQ alarm). */
  onDeadLetter?: (deadLetter: DeadLetter) => void;
  log?: BusLog;
}

export interface BusStats {
  /** Events accepted since start, including those no rule matched. */
  published: number;
  /** Successful invocations since start. */
  delivered: number;
  retried: number;
  deadLettered: number;
  pendingDeliveries: number;
  /** Journal commits since start; group commit keeps this well below `published`. */
  fsyncs: number;
  journalBytes: number;
}

export class BusStoppedError extends Error {
  constructor(action = "publish") {
    super(`The local event bus is stopped; ${action} rejected`);
    this.name = "BusStoppedError";
  }
}

/** PutEvents rejects entries above 256 KiB; measured as the AWS publisher does. */
const MAX_EVENT_BYTES = 256 * 1024;

/**
 * The local, durable stand-in for EventBridge. An event is in the journal before
 * `publish` resolves; each matching rule's target is then invoked with retries, and a
 * delivery that keeps failing becomes a dead letter that can be replayed.
 */
export class LocalBus implements Publisher {
  private readonly dir: string;
  private readonly rules: Map<string, EventRule>;
  private readonly invoke: LocalBusOptions["invoke"];
  private readonly retry: RetryPolicy;
  private readonly concurrency: number;
  private readonly stopTimeoutMs: number;
  private readonly pollMs: number;
  private readonly onDeadLetter: LocalBusOptions["onDeadLetter"];
  private readonly log: BusLog;

  private state: "new" | "starting" | "running" | "stopping" | "stopped" = "new";
  private started: Promise<void> | undefined;
  private stopped: Promise<void> | undefined;
  private journal: JournalWriter | undefined;
  private readonly pending = new Set<string>();
  private readonly dead = new Map<string, DeadLetter>();
  private readonly limiters = new Map<string, Limiter>();
  private readonly tasks = new Set<Promise<void>>();
  private readonly stopping = stopController();
  private poller: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private readonly counters = { published: 0, delivered: 0, retried: 0, deadLettered: 0 };

  constructor(options: LocalBusOptions) {
    this.dir = options.dir;
    this.invoke = options.invoke;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.concurrency = options.concurrencyPerRule ?? 16;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
    this.pollMs = options.replayRequestPollMs ?? 1_000;
    this.onDeadLetter = options.onDeadLetter;
    this.log = options.log ?? operationalLog;
    if (!(this.retry.baseDelayMs > 0 && this.retry.maxDelayMs >= this.retry.baseDelayMs)) {
      throw new Error("retry needs baseDelayMs > 0 and maxDelayMs >= baseDelayMs");
    }
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new Error(`concurrencyPerRule must be a positive integer, got ${this.concurrency}`);
    }
    this.rules = new Map();
    for (const rule of options.rules) {
      if (this.rules.has(rule.id)) throw new Error(`Two event rules are named "${rule.id}"`);
      try {
        validatePattern(rule.pattern);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Event rule "${rule.id}" has an invalid pattern: ${reason}`, {
          cause: error,
        });
      }
      if (!Number.isInteger(rule.maximumRetryAttempts) || rule.maximumRetryAttempts < 0) {
        throw new Error(`Event rule "${rule.id}": maximumRetryAttempts must be an integer >= 0`);
      }
      if (!(rule.maximumEventAgeSeconds >= 0)) {
        throw new Error(`Event rule "${rule.id}": maximumEventAgeSeconds must be >= 0`);
      }
      this.rules.set(rule.id, rule);
      this.limiters.set(rule.id, new Limiter(this.concurrency));
    }
  }

  /**
   * Compacts the journal, then resumes every delivery it left unfinished (at least once:
   * a target may see an event again after a crash) and honours pending replay requests.
   */
  start(): Promise<void> {
    if (this.stopped !== undefined) return Promise.reject(new BusStoppedError("start"));
    this.started ??= this.open();
    return this.started;
  }

  private async open(): Promise<void> {
    this.state = "starting";
    await mkdir(this.dir, { recursive: true });
    const path = journalPath(this.dir);
    const { records, tornTail } = await readJournal(path);
    if (tornTail) this.log.warn(`Ignored a torn last line in ${path} (a write cut short)`);
    const deliveries = foldJournal(records);
    await writeFileDurably(path, serialize(compact(deliveries)));
    this.journal = await JournalWriter.open(path);
    this.state = "running";

    let resumed = 0;
    for (const delivery of deliveries.values()) {
      if (delivery.status === "dead" && delivery.dead !== undefined) {
        this.dead.set(delivery.dead.deadLetterId, toDeadLetter(delivery.event, delivery.dead));
      }
      if (delivery.status !== "pending") continue;
      const rule = this.rules.get(delivery.ruleId);
      if (rule === undefined) {
        const error = `Event rule "${delivery.ruleId}" is not defined any more`;
        await this.bury(delivery.event, delivery.ruleId, error, 0);
        continue;
      }
      this.schedule(delivery.event, rule, Date.parse(delivery.since));
      resumed++;
    }
    if (resumed > 0) this.log.info(`Event bus resumed ${resumed} unfinished deliveries`);

    await this.honourReplayRequests();
    if (this.pollMs > 0) {
      this.poller = setInterval(() => void this.honourReplayRequests(), this.pollMs);
      this.poller.unref();
    }
  }

  /** Resolves once every event is in the journal; targets run afterwards. */
  async publish(events: OutgoingEvent[]): Promise<void> {
    await this.put(OutgoingEvent.array().parse(events));
  }

  /**
   * An event an AWS service puts on the account's default bus (SES's bounces): locally the
   * one bus carries both, matched by the same rules.
   */
  async putServiceEvent(event: { source: `aws.${string}`; detailType: string; detail: object }) {
    await this.put([event]);
  }

  private async put(valid: { source: string; detailType: string; detail: unknown }[]) {
    const journal = this.running();
    const time = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    const accepted: { event: DeliveredEvent; rules: EventRule[] }[] = [];
    for (const entry of valid) {
      const detail = JSON.stringify(entry.detail);
      const size =
        Buffer.byteLength(entry.source) +
        Buffer.byteLength(entry.detailType) +
        Buffer.byteLength(detail);
      if (size > MAX_EVENT_BYTES) {
        throw new Error(`Event ${entry.detailType} is ${size} bytes; EventBridge accepts 256 KiB`);
      }
      const event: DeliveredEvent = {
        version: "0",
        id: randomUUID(),
        "detail-type": entry.detailType,
        source: entry.source,
        account: "000000000000",
        time,
        region: "local",
        resources: [],
        // Targets get what JSON carries, as they do on AWS.
        detail: JSON.parse(detail),
      };
      const rules = [...this.rules.values()].filter((rule) => matchesPattern(rule.pattern, event));
      // Like PutEvents, an event no rule matches is accepted and goes nowhere.
      if (rules.length > 0) accepted.push({ event, rules });
    }
    await journal.append(
      accepted.map(({ event, rules }) => ({ type: "event", event, rules: rules.map((r) => r.id) })),
    );
    this.counters.published += valid.length;
    for (const { event, rules } of accepted) {
      for (const rule of rules) this.schedule(event, rule, Date.parse(event.time));
    }
  }

  isRunning(): boolean {
    return this.state === "running";
  }

  /** Waits until no delivery is pending (or the limit passes), e.g. before a one-shot CLI exits. */
  async drain(limitMs: number): Promise<boolean> {
    const deadline = Date.now() + limitMs;
    while (this.pending.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.pending.size === 0;
  }

  deadLetters(): DeadLetter[] {
    return [...this.dead.values()];
  }

  /**
   * Re-delivers dead letters (all of them if no ids are given) with fresh attempts and a
   * fresh age window. Returns the ids that were re-queued; unknown ids are skipped.
   */
  async replay(ids?: string[]): Promise<string[]> {
    const journal = this.running();
    const chosen: { deadLetter: DeadLetter; rule: EventRule }[] = [];
    for (const id of ids ?? [...this.dead.keys()]) {
      const deadLetter = this.dead.get(id);
      if (deadLetter === undefined) {
        this.log.warn(`No dead letter ${id} to replay`);
        continue;
      }
      const rule = this.rules.get(deadLetter.ruleId);
      if (rule === undefined) {
        this.log.warn(`Dead letter ${id} cannot be replayed: rule "${deadLetter.ruleId}" is gone`);
        continue;
      }
      // Taken out before the commit so that a concurrent replay cannot re-queue it twice.
      this.dead.delete(id);
      chosen.push({ deadLetter, rule });
    }
    const at = new Date().toISOString();
    const records: JournalRecord[] = chosen.map(({ deadLetter }) => ({
      type: "replay",
      deadLetterId: deadLetter.id,
      eventId: deadLetter.event.id,
      ruleId: deadLetter.ruleId,
      at,
    }));
    try {
      await journal.append(records);
    } catch (error) {
      for (const { deadLetter } of chosen) this.dead.set(deadLetter.id, deadLetter);
      throw error;
    }
    for (const { deadLetter, rule } of chosen) {
      this.schedule(deadLetter.event, rule, Date.parse(at));
    }
    return chosen.map(({ deadLetter }) => deadLetter.id);
  }

  /**
   * Stops taking publishes, lets running invocations finish (up to `stopTimeoutMs`) and
   * closes the journal. Unacknowledged deliveries are resumed by the next start.
   */
  stop(): Promise<void> {
    this.stopped ??= this.shutDown();
    return this.stopped;
  }

  stats(): BusStats {
    return {
      ...this.counters,
      pendingDeliveries: this.pending.size,
      fsyncs: this.journal?.fsyncs ?? 0,
      journalBytes: this.journal?.bytes ?? 0,
    };
  }

  private async shutDown(): Promise<void> {
    await this.started?.catch(() => {});
    if (this.state === "new" || this.journal === undefined) {
      this.state = "stopped";
      return;
    }
    this.state = "stopping";
    clearInterval(this.poller);
    this.stopping.abort();
    await this.polling;
    const deadline = Date.now() + this.stopTimeoutMs;
    while (this.tasks.size > 0 && Date.now() < deadline) {
      const timer = new AbortController();
      await Promise.race([
        Promise.allSettled([...this.tasks]),
        sleep(deadline - Date.now(), undefined, { signal: timer.signal }).catch(() => {}),
      ]);
      timer.abort();
    }
    if (this.tasks.size > 0) {
      this.log.warn(
        `Event bus stopped with ${this.tasks.size} invocations still running; they stay pending`,
      );
    }
    await this.journal?.close();
    this.state = "stopped";
  }

  private running(): JournalWriter {
    if (this.state === "stopping" || this.state === "stopped") throw new BusStoppedError();
    if (this.state !== "running" || this.journal === undefined) {
      throw new Error("The local event bus has not started; call start() first");
    }
    return this.journal;
  }

  private schedule(event: DeliveredEvent, rule: EventRule, since: number): void {
    const key = deliveryKey(event.id, rule.id);
    this.pending.add(key);
    const task: Promise<void> = deliver({
      event,
      rule,
      since,
      invoke: this.invoke,
      retry: this.retry,
      limiter: this.limiters.get(rule.id) ?? new Limiter(this.concurrency),
      signal: this.stopping.signal,
      onRetry: (attempts, error, delayMs) => {
        this.counters.retried++;
        this.log.warn(
          `Delivery of ${event.id} to ${rule.id} failed (attempt ${attempts}); retrying in ${delayMs} ms: ${error}`,
        );
      },
    })
      .then((outcome) => this.settle(key, event, rule, outcome))
      .catch((error) => {
        // While stopping, the journal may close first: the delivery just stays pending.
        if (this.state === "running") {
          this.log.error(`Could not record the outcome of ${event.id} for ${rule.id}`, error);
        }
      })
      .finally(() => this.tasks.delete(task));
    this.tasks.add(task);
  }

  private async settle(
    key: string,
    event: DeliveredEvent,
    rule: EventRule,
    outcome: Outcome,
  ): Promise<void> {
    if (outcome.kind === "abandoned") return;
    if (outcome.kind === "delivered") {
      this.counters.delivered++;
      await this.journalForOutcomes().append([
        { type: "ack", eventId: event.id, ruleId: rule.id, at: new Date().toISOString() },
      ]);
    } else {
      await this.bury(event, rule.id, outcome.error, outcome.attempts);
    }
    this.pending.delete(key);
  }

  private async bury(
    event: DeliveredEvent,
    ruleId: string,
    error: string,
    attempts: number,
  ): Promise<void> {
    const record: DeadRecord = {
      type: "dead",
      deadLetterId: randomUUID(),
      eventId: event.id,
      ruleId,
      error,
      attempts,
      at: new Date().toISOString(),
    };
    await this.journalForOutcomes().append([record]);
    const deadLetter = toDeadLetter(event, record);
    this.dead.set(deadLetter.id, deadLetter);
    this.counters.deadLettered++;
    this.log.warn(
      `Delivery of ${event.id} to ${ruleId} dead-lettered as ${deadLetter.id} after ${attempts} attempts: ${error}`,
    );
    try {
      this.onDeadLetter?.(deadLetter);
    } catch (hookError) {
      this.log.error("onDeadLetter threw", hookError);
    }
  }

  private journalForOutcomes(): JournalWriter {
    if (this.journal === undefined) throw new Error("The local event bus has not started");
    return this.journal;
  }

  private honourReplayRequests(): Promise<void> {
    this.polling ??= this.takeReplayRequests()
      .catch((error) => this.log.error("Could not honour replay requests", error))
      .finally(() => {
        this.polling = undefined;
      });
    return this.polling;
  }

  private async takeReplayRequests(): Promise<void> {
    for (const request of await pendingReplayRequests(this.dir)) {
      if (this.state !== "running") return;
      if (request.problem !== undefined) {
        this.log.error(`Dropped replay request ${request.path}: ${request.problem}`);
      } else {
        const replayed = await this.replay(request.ids);
        this.log.info(`Replayed ${replayed.length} dead letters as requested`);
      }
      await request.done();
    }
  }
}
