import type { ScheduledEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { LocalScheduler } from "./local-scheduler";

const tick = {
  id: "tick",
  description: "test",
  handler: "packages/functions/src/jobs/tick.handler",
  cron: "cron(0/15 * * * ? *)",
  table: "read",
} as const;

describe("local scheduler", () => {
  it("invokes the handler with EventBridge's scheduled-event shape and records the outcome", async () => {
    const received: ScheduledEvent[] = [];
    const now = new Date("2026-11-28T22:07:31.250Z");
    const scheduler = new LocalScheduler(
      [tick],
      async (_, event) => received.push(event),
      () => now,
    );
    expect(await scheduler.runNow("tick")).toEqual({ at: "2026-11-28T22:07:31Z", ok: true });
    expect(received[0]).toMatchObject({
      "detail-type": "Scheduled Event",
      source: "aws.events",
      time: "2026-11-28T22:07:31Z",
      resources: ["arn:aws:events:local:000000000000:rule/tick"],
      detail: {},
    });
  });

  it("arms each schedule for its next time and reports a failing run", async () => {
    const now = new Date("2026-11-28T22:07:31Z");
    const scheduler = new LocalScheduler(
      [tick],
      async () => {
        throw new Error("boom");
      },
      () => now,
    );
    scheduler.start();
    expect(scheduler.stats().schedules[0]?.nextRunAt).toBe("2026-11-28T22:15:00.000Z");
    expect(await scheduler.runNow("tick")).toMatchObject({ ok: false, error: "Error: boom" });
    scheduler.stop();
    expect(scheduler.stats().running).toBe(false);
    await expect(scheduler.runNow("nope")).rejects.toThrow(/No schedule "nope"/);
  });
});
