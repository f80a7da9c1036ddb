import { provideTestRuntime, type RecordingPublisher } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { newOrg, testClock } from "../member/test-support";
import { Job } from ".";

/** A job of this test: counts its runs per organisation, and fails for the ones told to. */
function countingJob(
  name: string,
  cadence: Job.Cadence,
  options: { dueOrgs?: string[]; failFor?: Set<string> } = {},
) {
  const runs = new Map<string, number>();
  const job: Job.OrgJob = {
    name,
    description: "counts its runs",
    cadence,
    ...(options.dueOrgs && { dueOrgs: async () => options.dueOrgs ?? [] }),
    runUnit: async ({ orgId, period }) => {
      runs.set(orgId, (runs.get(orgId) ?? 0) + 1);
      if (options.failFor?.has(orgId)) throw new Error(`unit of ${orgId} fails`);
      return { ran: `${orgId}/${period}` };
    },
  };
  return { job, runs, runsOf: (orgId: string) => runs.get(orgId) ?? 0 };
}

describe("the job primitive: due units, one per organisation, claimed once", () => {
  const clock = testClock("2026-12-04T10:45:00.000Z");
  let publisher: RecordingPublisher;
  beforeAll(() => {
    publisher = provideTestRuntime({ now: clock.now }).publisher;
  });

  const sentUnits = (job: string) =>
    publisher.published
      .filter((event) => event.detailType === "job.unit")
      .map((event) => event.detail.properties as Job.JobUnit)
      .filter((unit) => unit.job === job);

  it("finds each organisation's nightly unit at its own local midnight, through the organisation directory", async () => {
    const auckland = await newOrg({ timeZone: "Pacific/Auckland" });
    const losAngeles = await newOrg({ timeZone: "America/Los_Angeles" });
    const mine = (units: Job.JobUnit[]) =>
      units
        .filter((unit) => [auckland.orgId, losAngeles.orgId].includes(unit.orgId))
        .map((unit) => [unit.orgId, unit.period]);
    const { job } = countingJob("nightly-rollup", { every: "night", atLocalHour: 0 });

    // 2026-12-04T10:59Z: 23:59 in Auckland, 02:59 in LA, both on the 4th.
    expect(mine(await Job.dueUnits(job, new Date("2026-12-04T10:59:00Z")))).toEqual(
      expect.arrayContaining([
        [auckland.orgId, "2026-12-04"],
        [losAngeles.orgId, "2026-12-04"],
      ]),
    );
    // Auckland's midnight: its next day's unit; LA is still on the 4th until 08:00Z next day.
    const afterAucklandMidnight = mine(await Job.dueUnits(job, new Date("2026-12-04T11:00:00Z")));
    expect(afterAucklandMidnight).toContainEqual([auckland.orgId, "2026-12-05"]);
    expect(afterAucklandMidnight).toContainEqual([losAngeles.orgId, "2026-12-04"]);
    expect(mine(await Job.dueUnits(job, new Date("2026-12-05T08:00:00Z")))).toContainEqual([
      losAngeles.orgId,
      "2026-12-05",
    ]);
  });

  it("sends a weekly unit only on the organisation's local Monday morning", async () => {
    const auckland = await newOrg({ timeZone: "Pacific/Auckland" });
    const losAngeles = await newOrg({ timeZone: "America/Los_Angeles" });
    const { job } = countingJob("weekly-mail", {
      every: "week",
      onLocalWeekday: 1,
      atLocalHour: 8,
    });
    const periodsAt = async (iso: string) => {
      const units = await Job.dueUnits(job, new Date(iso));
      const of = (orgId: string) => units.find((unit) => unit.orgId === orgId)?.period;
      return [of(auckland.orgId), of(losAngeles.orgId)];
    };
    // Monday 2026-12-07 08:00 is 19:00Z on the 6th in Auckland, 16:00Z on the 7th in LA.
    expect(await periodsAt("2026-12-06T18:45:00Z")).toEqual([undefined, undefined]);
    expect(await periodsAt("2026-12-06T19:00:00Z")).toEqual(["2026-W50", undefined]);
    // LA's Monday morning is Tuesday 05:00 in Auckland: its week's unit is no longer due there.
    expect(await periodsAt("2026-12-07T16:00:00Z")).toEqual([undefined, "2026-W50"]);
  });

  it("runs a unit claimed twice once, and answers the second run with the first one's result", async () => {
    const org = await newOrg();
    const { job, runsOf } = countingJob("claim-twice", { every: "night", atLocalHour: 0 });
    const unit = { job: job.name, orgId: org.orgId, period: "2026-12-04" };
    const [first, second] = await Promise.all([
      Job.runUnit(job, unit, clock.now()),
      Job.runUnit(job, unit, clock.now()),
    ]);
    expect(runsOf(org.orgId)).toBe(1);
    // The loser of the claim finds it held, or already done if the winner was that quick.
    const statuses = [first.status, second.status];
    expect(statuses.filter((status) => status === "done")).toHaveLength(1);
    expect(statuses.filter((status) => status !== "done")).toEqual([
      expect.stringMatching(/^(busy|already_done)$/),
    ]);
    expect(await Job.runUnit(job, unit, clock.now())).toEqual({
      ...unit,
      status: "already_done",
      result: { ran: `${org.orgId}/2026-12-04` },
    });
    expect(runsOf(org.orgId)).toBe(1);
    expect(await Job.record(unit)).toMatchObject({
      status: "done",
      attempts: 1,
      finishedAt: clock.now().toISOString(),
      result: { ran: `${org.orgId}/2026-12-04` },
    });
  });

  it("takes over a unit whose runner died once its claim has expired, not before", async () => {
    const org = await newOrg();
    const unit = { job: "takeover", orgId: org.orgId, period: "2026-12-04" };
    // A runner that never finishes: it holds the claim, as a crashed Lambda would.
    const hanging: Job.OrgJob = {
      name: "takeover",
      description: "never finishes",
      cadence: { every: "night", atLocalHour: 0 },
      runUnit: () => new Promise(() => {}),
    };
    void Job.runUnit(hanging, unit, clock.now());
    await expect.poll(() => Job.record(unit)).toMatchObject({ status: "running" });

    const { job, runsOf } = countingJob("takeover", { every: "night", atLocalHour: 0 });
    const almost = new Date(clock.now().getTime() + Job.UNIT_LEASE_MS - 1000);
    expect(await Job.runUnit(job, unit, almost)).toMatchObject({ status: "busy" });
    expect(runsOf(org.orgId)).toBe(0);
    const expired = new Date(clock.now().getTime() + Job.UNIT_LEASE_MS + 1000);
    expect(await Job.runUnit(job, unit, expired)).toMatchObject({ status: "done" });
    expect(runsOf(org.orgId)).toBe(1);
    expect(await Job.record(unit)).toMatchObject({ status: "done", attempts: 2 });
  });

  it("fans out one unit per organisation: a failing one is retried alone and never re-runs or holds back another", async () => {
    const failing = await newOrg();
    const fine = await newOrg();
    const { job, runsOf } = countingJob(
      "fan-out",
      { every: "tick" },
      { dueOrgs: [failing.orgId, fine.orgId], failFor: new Set([failing.orgId]) },
    );
    // The bus: every sent unit is delivered to the unit runner; a throw is the bus's to retry.
    const deliver = async (units: Job.JobUnit[]) =>
      Promise.allSettled(units.map((unit) => Job.runUnit(job, unit, clock.now())));

    const outcomes = await Job.tick([job], clock.now());
    expect(outcomes).toEqual([{ name: "fan-out", ok: true, result: { due: 2, sent: 2 } }]);
    const sent = sentUnits("fan-out");
    expect(sent.map((unit) => unit.orgId).sort()).toEqual([failing.orgId, fine.orgId].sort());
    const first = await deliver(sent);
    expect(first.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect([runsOf(failing.orgId), runsOf(fine.orgId)]).toEqual([1, 1]);
    expect(
      await Job.record({ job: "fan-out", orgId: failing.orgId, period: sent[0]?.period ?? "" }),
    ).toMatchObject({ status: "failed", error: { name: "Error" } });

    // The bus retries every delivery (at least once): only the failed unit runs again.
    await deliver(sent);
    expect([runsOf(failing.orgId), runsOf(fine.orgId)]).toEqual([2, 1]);

    // A tick in the same period sends the failed unit again, never the done one.
    publisher.published.length = 0;
    expect(await Job.tick([job], clock.now())).toEqual([
      { name: "fan-out", ok: true, result: { due: 2, sent: 1 } },
    ]);
    expect(sentUnits("fan-out").map((unit) => unit.orgId)).toEqual([failing.orgId]);
  });

  it("stops sending a unit that failed on every attempt; its dead letters stay with the operator", async () => {
    const org = await newOrg();
    const { job } = countingJob(
      "gives-up",
      { every: "tick" },
      { dueOrgs: [org.orgId], failFor: new Set([org.orgId]) },
    );
    const unit = {
      job: job.name,
      orgId: org.orgId,
      period: Job.duePeriod(job.cadence, "UTC", clock.now()) ?? "",
    };
    for (let attempt = 0; attempt < Job.MAX_UNIT_ATTEMPTS; attempt++) {
      await expect(Job.runUnit(job, unit, clock.now())).rejects.toThrow("fails");
    }
    expect(await Job.tick([job], clock.now())).toEqual([
      { name: "gives-up", ok: true, result: { due: 1, sent: 0 } },
    ]);
  });

  it("sends nothing and reads no organisation when no organisation has work", async () => {
    const { job } = countingJob("idle", { every: "tick" }, { dueOrgs: [] });
    publisher.published.length = 0;
    expect(await Job.tick([job], clock.now())).toEqual([
      { name: "idle", ok: true, result: { due: 0, sent: 0 } },
    ]);
    expect(sentUnits("idle")).toEqual([]);
  });
});
