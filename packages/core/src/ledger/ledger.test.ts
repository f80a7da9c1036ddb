import { randomUUID } from "node:crypto";
import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { Probe } from "../probe";
import { ingest, listPartition, record } from "./index";

function delivered(event: ReturnType<typeof Probe.Events.Sent.create>) {
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": event.detailType,
    source: event.source,
    account: "000000000000",
    time: new Date().toISOString(),
    region: "local",
    resources: [],
    detail: event.detail,
  };
}

describe("the event ledger", () => {
  beforeAll(() => provideTestRuntime());

  it("keeps a redelivered event once and says it was a duplicate", async () => {
    const event = Probe.Events.Sent.create(
      { probeId: randomUUID() },
      { orgId: `org-${randomUUID()}` },
    );
    expect(await ingest(delivered(event))).toBe("recorded");
    expect(await ingest(delivered(event))).toBe("duplicate");
    const partition = `probe_${event.detail.properties && (event.detail.properties as { probeId: string }).probeId}`;
    expect(await listPartition(partition)).toHaveLength(1);
  });

  it("refuses events it does not keep, and malformed ones, without writing", async () => {
    const event = Probe.Events.Sent.create({ probeId: randomUUID() }, { orgId: "o" });
    await expect(
      ingest({ ...delivered(event), "detail-type": "unknown.happened" }),
    ).rejects.toThrow(/does not keep events named "unknown.happened"/);
    const broken = delivered(event);
    broken.detail = { ...event.detail, properties: { probeId: "not-a-uuid" } };
    await expect(ingest(broken)).rejects.toThrow();
    expect(await listPartition("probe_not-a-uuid")).toHaveLength(0);
  });

  it("validates what it records", async () => {
    await expect(
      record({ partition: "", name: "probe.sent", properties: {}, metadata: {} as never }),
    ).rejects.toThrow();
  });
});
