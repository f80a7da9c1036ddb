import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ledger } from "@sprida/core/ledger";
import { Probe } from "@sprida/core/probe";
import { Tally } from "@sprida/core/tally";
import { findFreePort } from "@sprida/local/dynamodb";
import { type LocalSystem, readConfig, startLocalSystem } from "@sprida/local/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDynamo } from "../helpers/dynamodb";
import { eventually } from "../helpers/eventually";

describe("the local pipeline: publish → bus → ingest → ledger → stream → tally", () => {
  let system: LocalSystem;

  beforeAll(async () => {
    const dynamo = testDynamo();
    system = await startLocalSystem(
      readConfig({
        SPRIDA_PORT: String(await findFreePort()),
        SPRIDA_MAIL_PORT: String(await findFreePort()),
        SPRIDA_DATA_DIR: await mkdtemp(join(tmpdir(), "sprida-pipeline-")),
        SPRIDA_TABLE_NAME: dynamo.tableName,
      }),
      { dynamodbEndpoint: dynamo.endpoint, streamStartAt: "LATEST", schedules: false },
    );
  });
  afterAll(() => system?.stop());

  it("carries a published event into the ledger once and into the tally's counters", async () => {
    const day = new Date().toISOString().slice(0, 10);
    const before = (await Tally.countersOf(Probe.SYSTEM_ORG_ID, day))["events.probe.sent"] ?? 0;

    const { probeId, eventId } = await Probe.send();

    const ledger = await eventually(async () => {
      const items = await Ledger.listPartition(`probe_${probeId}`);
      return items.length > 0 ? items : undefined;
    });
    expect(ledger).toEqual([expect.objectContaining({ eventId, name: "probe.sent" })]);
    const after = await eventually(async () => {
      const count = (await Tally.countersOf(Probe.SYSTEM_ORG_ID, day))["events.probe.sent"] ?? 0;
      return count > before ? count : undefined;
    });
    expect(after).toBeGreaterThan(before);
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
});
