import { randomUUID } from "node:crypto";
import type { Schedule } from "@sprida/core/event";
import type { ScheduledEvent } from "aws-lambda";
import { type CronSchedule, nextRun, parseCron } from "./cron";

export interface ScheduleRun {
  at: string;
  ok: boolean;
  error?: string;
}

interface Entry {
  definition: Schedule;
  cron: CronSchedule;
  timer?: NodeJS.Timeout;
  nextRunAt?: Date;
  lastRun?: ScheduleRun;
}

/** The local stand-in for EventBridge schedules: same cron expressions, same event shape. */
export class LocalScheduler {
  private readonly entries: Entry[];
  private running = false;

  constructor(
    schedules: Schedule[],
    private readonly invoke: (schedule: Schedule, event: ScheduledEvent) => Promise<unknown>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.entries = schedules.map((definition) => ({
      definition,
      cron: parseCron(definition.cron),
    }));
  }

  start(): void {
    this.running = true;
    for (const entry of this.entries) this.arm(entry);
  }

  stop(): void {
    this.running = false;
    for (const entry of this.entries) clearTimeout(entry.timer);
  }

  /** Runs a schedule now, as if its time had come. */
  async runNow(id: string): Promise<ScheduleRun> {
    const entry = this.entries.find((candidate) => candidate.definition.id === id);
    if (!entry) throw new Error(`No schedule "${id}"`);
    return this.fire(entry, this.now());
  }

  stats() {
    return {
      running: this.running,
      schedules: this.entries.map((entry) => ({
        id: entry.definition.id,
        cron: entry.definition.cron,
        nextRunAt: entry.nextRunAt?.toISOString(),
        lastRun: entry.lastRun,
      })),
    };
  }

  private arm(entry: Entry): void {
    const at = nextRun(entry.cron, this.now());
    entry.nextRunAt = at;
    entry.timer = setTimeout(
      () => {
        if (!this.running) return;
        void this.fire(entry, at).finally(() => this.running && this.arm(entry));
      },
      Math.max(0, at.getTime() - this.now().getTime()),
    );
    entry.timer.unref();
  }

  private async fire(entry: Entry, at: Date): Promise<ScheduleRun> {
    const event: ScheduledEvent = {
      version: "0",
      id: randomUUID(),
      "detail-type": "Scheduled Event",
      source: "aws.events",
      account: "000000000000",
      time: at.toISOString().replace(/\.\d{3}Z$/, "Z"),
      region: "local",
      resources: [`arn:aws:events:local:000000000000:rule/${entry.definition.id}`],
      detail: {},
    };
    try {
      await this.invoke(entry.definition, event);
      entry.lastRun = { at: event.time, ok: true };
    } catch (error) {
      entry.lastRun = { at: event.time, ok: false, error: String(error) };
    }
    return entry.lastRun;
  }
}
