import { ScanCommand, type ScanCommandOutput } from "@aws-sdk/client-dynamodb";
import { Job } from "@sprida/core/job";
import type { Runtime } from "@sprida/core/runtime";
import { Jobs } from "@sprida/functions/jobs";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  detailOf,
  provideRedirectRuntime,
  redirectSetting,
  type SettableClock,
  type Setting,
  type UnreliablePublisher,
  visit,
} from "./redirect-setting";

/** Issue 5: a click is never lost to a failing bus, and no raw address is kept anywhere. */
describe("delivering clicks", () => {
  let publisher: UnreliablePublisher;
  let clock: SettableClock;
  let runtime: Runtime.Runtime;
  let setting: Setting;

  beforeAll(async () => {
    ({ publisher, clock, runtime } = provideRedirectRuntime());
    setting = await redirectSetting("203.0.113.77");
  });

  afterEach(() => {
    publisher.mode = "ok";
    vi.restoreAllMocks();
  });

  /** The tick runs a job later than the clicks it finds (the outbox leaves in-flight events). */
  const runJob = (name: string) =>
    Job.findGlobal(Jobs, name).run({ now: new Date(clock.now().getTime() + 2 * 60_000) });

  it("still redirects when the bus fails, and the outbox job publishes the click with the same id", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    publisher.mode = "fail";
    const response = await visit(setting.ownLink.code, { address: "203.0.113.77" });
    expect(response.status).toBe(302);
    const sid = new URL(response.headers.get("location") ?? "").searchParams.get("sid");
    expect(publisher.clicks(setting.ownLink.code)).toHaveLength(0);

    publisher.mode = "ok";
    // The outbox is the table's: other test files' events kept there may go out with this one.
    const first = await runJob("outbox");
    expect(first).toMatchObject({ failed: 0 });
    expect(first.republished).toBeGreaterThanOrEqual(1);
    const [event] = publisher.clicks(setting.ownLink.code);
    expect(detailOf(event).metadata.eventId).toBe(sid);
    expect(detailOf(event).properties.class).toBe("human");
    // Published once: the job deleted what it published, so a second run sends it no more.
    await runJob("outbox");
    expect(publisher.clicks(setting.ownLink.code)).toHaveLength(1);
  });

  it("redirects without waiting for a bus that does not answer, and both copies are one event", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    publisher.mode = "stuck";
    // The publish never returns until released: the answer comes anyway, after the timeout.
    const response = await visit(setting.externalLink.code, { address: "2001:db8::77" });
    expect(response.status).toBe(302);
    publisher.mode = "ok";
    await runJob("outbox");
    publisher.release();
    await new Promise((resolve) => setImmediate(resolve));
    const ids = publisher
      .clicks(setting.externalLink.code)
      .map((event) => detailOf(event).metadata.eventId);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(1);
  });

  it("logs the event itself, without an address, when neither the bus nor the outbox takes it", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const send = runtime.document.send.bind(runtime.document);
    vi.spyOn(runtime.document, "send").mockImplementation(((command: {
      input?: { Item?: Record<string, unknown> };
    }) => {
      if (command.input?.Item?.__edb_e__ === "outboxEvent") {
        return Promise.reject(new Error("the table is unavailable"));
      }
      return send(command as never);
    }) as never);
    publisher.mode = "fail";
    const response = await visit(setting.ownLink.code, { address: "203.0.113.77" });
    expect(response.status).toBe(302);
    const sid = new URL(response.headers.get("location") ?? "").searchParams.get("sid");
    const lines = errors.mock.calls.map((call) => String(call[0]));
    const lost = lines
      .map((line) => JSON.parse(line) as { message: string; event?: { detail: unknown } })
      .find((entry) => entry.message.startsWith("link.clicked lost"));
    expect(detailOf(lost?.event as never).metadata.eventId).toBe(sid);
    expect(lines.join("\n")).not.toContain("203.0.113.77");
  });

  it("keeps no raw client address in any table item or published event", async () => {
    publisher.mode = "ok";
    for (const address of ["203.0.113.77", "2001:db8::77", "::ffff:203.0.113.77"]) {
      await visit(setting.ownLink.code, { address });
      await visit(setting.ownLink.code, {
        address,
        headers: { "x-forwarded-for": address, cookie: setting.selfCookie },
      });
    }
    const items: unknown[] = [];
    let start: ScanCommandOutput["LastEvaluatedKey"];
    do {
      const page = await runtime.dynamo.send(
        new ScanCommand({ TableName: runtime.tableName, ExclusiveStartKey: start }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    const stored = JSON.stringify(items);
    const published = JSON.stringify(publisher.published);
    expect(publisher.clicks().length).toBeGreaterThan(6);
    for (const raw of ["203.0.113.77", "2001:db8::77"]) {
      expect(stored).not.toContain(raw);
      expect(published).not.toContain(raw);
    }
  });

  it("runs the salt purge as a job", async () => {
    await visit(setting.ownLink.code, { address: "203.0.113.77" });
    clock.set("2037-04-05T08:00:00.000Z");
    const result = await runJob("visitor-salt-purge");
    expect(result.deleted).toBeGreaterThanOrEqual(1);
    clock.set("2037-04-01T08:00:00.000Z");
  });
});
