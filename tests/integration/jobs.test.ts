import { setTimeout as sleep } from "node:timers/promises";
import { Content } from "@sprida/core/content";
import { Job } from "@sprida/core/job";
import type { LocalSystem } from "@sprida/local/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { article } from "../../packages/core/src/content/test-support";
import { eventually } from "../helpers/eventually";
import { startTestSystem, untilIdle } from "../helpers/local-system";
import { activeMember, newEmail, newOrganisation } from "../helpers/test-members";

describe("organisation jobs on the local runtime: the tick sends units, the local bus runs them", () => {
  let system: LocalSystem;
  let base: string;

  beforeAll(async () => {
    ({ system, base } = await startTestSystem());
  });
  afterAll(() => system?.stop());

  it("publishes a scheduled item through the tick, a job.unit on the bus and the unit runner, once", async () => {
    const org = await newOrganisation();
    const admin = await activeMember(org, newEmail(), "admin");
    const publishAt = new Date(Date.now() + 1_500);
    const created = await Content.create(admin, article({ publishAt: publishAt.toISOString() }));
    expect((await Content.publish(admin, created.contentId)).status).toBe("scheduled");
    // The scheduled event's time is whole seconds, as EventBridge's: a second past is past.
    await sleep(Math.max(0, publishAt.getTime() - Date.now() + 1_100));

    const tick = () =>
      fetch(`${base}/_local/jobs/tick`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
    const tickedAt = Date.now();
    expect((await tick()).status).toBe(200);
    // The same tick sends every organisation in this worker's table its nightly unit too, so
    // this one's unit may wait behind many: a generous limit, not a speed.
    await eventually(async () => {
      const item = await Content.get(org.orgId, created.contentId);
      return item.status === "published" ? item : undefined;
    }, 180_000);
    await untilIdle(system, 2_000, 180_000);
    expect(system.bus.deadLetters()).toEqual([]);

    // The unit of this tick's minute is recorded done; the item was published by it.
    const units = await Promise.all(
      // The tick's UTC minute: the one it was sent in, or the next if it crossed into it.
      [0, 1].map((minutesOn) => {
        const at = new Date(tickedAt + minutesOn * 60_000);
        const period = Job.duePeriod({ every: "tick" }, "UTC", at) ?? "";
        return Job.record({ job: "publish-scheduled", orgId: org.orgId, period });
      }),
    );
    expect(units.find((unit) => unit !== undefined)).toMatchObject({
      status: "done",
      attempts: 1,
      result: { published: [created.contentId] },
    });
  }, 400_000);

  it("runs one organisation's unit now for an operator, and says a second run was already done", async () => {
    const org = await newOrganisation();
    const run = async () =>
      (await fetch(`${base}/_local/jobs/publish-scheduled`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ orgId: org.orgId }),
      }).then((response) => response.json())) as Job.JobOutcome;
    const first = await run();
    expect(first).toMatchObject({
      name: "publish-scheduled",
      ok: true,
      result: { units: [{ orgId: org.orgId, status: "done", result: { published: [] } }] },
    });
    const again = await run();
    // Within the same minute, the same period: the claim answers for it.
    const [unit] = (again.result?.units ?? []) as { status: string }[];
    const status = unit?.status;
    expect(["already_done", "done"]).toContain(status);
  });
});
