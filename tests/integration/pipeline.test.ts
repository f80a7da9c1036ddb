import { randomUUID } from "node:crypto";
import { Ledger } from "@sprida/core/ledger";
import { Probe } from "@sprida/core/probe";
import { Runtime } from "@sprida/core/runtime";
import { Tally } from "@sprida/core/tally";
import type { LocalSystem } from "@sprida/local/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../helpers/eventually";
import { startTestSystem, untilIdle } from "../helpers/local-system";

describe("the local pipeline: publish → bus → ingest → ledger → stream → tally", () => {
  let system: LocalSystem;
  let base: string;

  beforeAll(async () => {
    ({ system, base } = await startTestSystem());
  });
  afterAll(() => system?.stop());

  it("carries a published event into the ledger once and into the tally's counters once", async () => {
    const day = new Date().toISOString().slice(0, 10);
    await untilIdle(system);
    const before = (await Tally.orgDay(Probe.SYSTEM_ORG_ID, day)).probes;

    const probeId = randomUUID();
    const event = Probe.Events.Sent.create({ probeId }, { orgId: Probe.SYSTEM_ORG_ID });
    const { eventId } = event.detail.metadata;
    // Published twice, as a retry or the outbox job may: counted once.
    await Runtime.use().publisher.publish([event]);
    await Runtime.use().publisher.publish([structuredClone(event)]);

    await eventually(async () => {
      const count = (await Tally.orgDay(Probe.SYSTEM_ORG_ID, day)).probes;
      return count > before ? count : undefined;
    });
    await untilIdle(system);
    expect(await Ledger.listPartition(`probe_${probeId}`)).toEqual([
      expect.objectContaining({ eventId, name: "probe.sent" }),
    ]);
    expect((await Tally.orgDay(Probe.SYSTEM_ORG_ID, day)).probes).toBe(before + 1);
  });

  it("reports every component healthy", async () => {
    const health = await system.health();
    expect(health.status).toBe("ok");
    expect(Object.keys(health.components).sort()).toEqual([
      "bus",
      "dynamodb",
      "mail",
      "scheduler",
      "stream",
    ]);
  });

  it("serves health, the API and the operator routes on one port, with JSON errors", async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({
      status: "ok",
      stage: "local",
    });

    const missing = await fetch(`${base}/api/no-such-thing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: "not_found", message: expect.any(String) },
    });

    const post = (path: string, body: string) =>
      fetch(`${base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
    const unknownJob = await post("/_local/jobs/no-such-job", "{}");
    expect(unknownJob.status).toBe(404);
    expect(((await unknownJob.json()) as { error: { message: string } }).error.message).toContain(
      "pipeline-probe",
    );
    expect((await post("/_local/jobs/pipeline-probe", '{"orgId": 42}')).status).toBe(400);
    expect((await post("/_local/dead-letters/replay", '{"ids": "all"}')).status).toBe(400);
    // An address that is not an active member: a JSON 404 the CLI can print, never a 500.
    const noMember = await post("/_local/sign-in-link", '{"email": "nobody@example.test"}');
    expect(noMember.status).toBe(404);
    expect(await noMember.json()).toEqual({
      error: {
        code: "no_active_membership",
        message: "nobody@example.test is not an active member anywhere.",
      },
    });

    // The client address comes from the socket here: a route that needs it works end to end.
    const signIn = await fetch(`${base}/api/auth/sign-in/request`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: `http://localhost:${new URL(base).port}`,
      },
      body: JSON.stringify({ email: "nobody@example.test" }),
    });
    expect(signIn.status).toBe(202);

    const ran = await post("/_local/jobs/pipeline-probe", "{}");
    expect(ran.status).toBe(200);
    expect(await ran.json()).toMatchObject({ name: "pipeline-probe", ok: true });
    expect(await (await fetch(`${base}/_local/dead-letters`)).json()).toEqual({ deadLetters: [] });
  });
});
