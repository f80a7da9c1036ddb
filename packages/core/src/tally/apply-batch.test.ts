import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { provideTestRuntime } from "../../../../tests/helpers/runtime";
import { applyBatch, countersOf, type TallyRecord } from "./apply-batch";

const DAY = "2026-11-28";

function records(
  orgId: string,
  partition: string,
  sequences: string[],
  name = "probe.sent",
): TallyRecord[] {
  return sequences.map((sequenceNumber) => ({
    partition,
    sequenceNumber,
    orgId,
    occurredAt: `${DAY}T10:00:00.000Z`,
    name,
  }));
}

describe("applying a tally batch exactly once", () => {
  beforeAll(() => provideTestRuntime());

  it("adds each record once, and a retried or replayed batch changes nothing", async () => {
    const org = `org-${randomUUID()}`;
    const batch = records(org, `p-${randomUUID()}`, ["100", "101", "102"]);
    expect(await applyBatch(batch)).toEqual({ applied: 3, skipped: 0 });
    expect(await applyBatch(batch)).toEqual({ applied: 0, skipped: 3 });
    expect(await countersOf(org, DAY)).toEqual({ "events.probe.sent": 3 });
  });

  it("applies only what lies past the checkpoint when a batch overlaps an applied one", async () => {
    const org = `org-${randomUUID()}`;
    const partition = `p-${randomUUID()}`;
    await applyBatch(records(org, partition, ["5", "6"]));
    expect(await applyBatch(records(org, partition, ["6", "7", "8"]))).toEqual({
      applied: 2,
      skipped: 1,
    });
    expect(await countersOf(org, DAY)).toEqual({ "events.probe.sent": 4 });
  });

  it("compares sequence numbers as numbers, not text", async () => {
    const org = `org-${randomUUID()}`;
    const partition = `p-${randomUUID()}`;
    await applyBatch(records(org, partition, ["9"]));
    // "10" < "9" as text; as a number it is later and must count.
    expect(await applyBatch(records(org, partition, ["10"]))).toEqual({ applied: 1, skipped: 0 });
    const long = "4421584500000000017450439091";
    await applyBatch(records(org, partition, [long]));
    expect(await applyBatch(records(org, partition, [`${long.slice(0, -1)}0`]))).toEqual({
      applied: 0,
      skipped: 1,
    });
    expect(await countersOf(org, DAY)).toEqual({ "events.probe.sent": 3 });
  });

  it("stays exact when the same batch is delivered twice at the same time", async () => {
    const org = `org-${randomUUID()}`;
    const batch = [
      ...records(org, `p-${randomUUID()}`, ["1", "2"]),
      ...records(org, `p-${randomUUID()}`, ["1"]),
    ];
    const results = await Promise.all([applyBatch(batch), applyBatch(batch)]);
    expect(results.reduce((sum, result) => sum + result.applied, 0)).toBe(3);
    expect(await countersOf(org, DAY)).toEqual({ "events.probe.sent": 3 });
  });

  it("splits a batch that moves more than 100 items into transactions that fit", async () => {
    const org = `org-${randomUUID()}`;
    // 150 partitions, each with its own checkpoint: more than one transaction can hold.
    const batch = Array.from({ length: 150 }, (_, i) =>
      records(org, `p-${randomUUID()}`, [String(i + 1)]),
    ).flat();
    expect(await applyBatch(batch)).toEqual({ applied: 150, skipped: 0 });
    expect(await applyBatch(batch)).toEqual({ applied: 0, skipped: 150 });
    expect(await countersOf(org, DAY)).toEqual({ "events.probe.sent": 150 });
  });

  it("refuses a record that is not a sequence-numbered ledger record", async () => {
    await expect(applyBatch(records("o", "p", ["12abc"]))).rejects.toThrow();
  });
});
