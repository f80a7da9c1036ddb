import { Content } from "@sprida/core/content";
import { Job } from "@sprida/core/job";
import { provideTestRuntime, type RecordingPublisher } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { beforeAll, describe, expect, it } from "vitest";
import { article } from "../../../core/src/content/test-support";
import { testClock } from "../../../core/src/member/test-support";
import { Jobs } from "./jobs";
import { handler as unit } from "./unit";
import { JobUnitRule } from "./unit-rule";

describe("scheduled publishing as one unit per organisation, through the job.unit rule", () => {
  const clock = testClock("2026-12-04T09:00:00.000Z");
  let publisher: RecordingPublisher;
  beforeAll(() => {
    // Units are delivered to the rule's handler, as the bus does.
    publisher = provideTestRuntime({ now: clock.now }, { deliver: [JobUnitRule] }).publisher;
  });

  const publishScheduled = [Job.find(Jobs, "publish-scheduled")];

  async function scheduledItem() {
    const org = await newOrganisation();
    const admin = await activeMember(org, newEmail(), "admin");
    const publishAt = new Date(clock.now().getTime() + 60 * 60_000).toISOString();
    const created = await Content.create(admin, article({ publishAt }));
    await Content.publish(admin, created.contentId);
    return { org, contentId: created.contentId };
  }

  it("sends a unit only to organisations with a due item, and each publishes its own", async () => {
    const first = await scheduledItem();
    const second = await scheduledItem();
    expect(await Job.tick(publishScheduled, clock.now())).toMatchObject([
      { name: "publish-scheduled", ok: true },
    ]);
    expect(await Content.get(first.org.orgId, first.contentId)).toMatchObject({
      status: "scheduled",
    });

    clock.advance(60 * 60_000);
    publisher.published.length = 0;
    await Job.tick(publishScheduled, clock.now());
    const units = publisher.published
      .filter((event) => event.detailType === "job.unit")
      .map((event) => event.detail.properties as Job.JobUnit)
      .filter((sent) => [first.org.orgId, second.org.orgId].includes(sent.orgId));
    expect(units.map((sent) => sent.orgId).sort()).toEqual(
      [first.org.orgId, second.org.orgId].sort(),
    );
    expect(publisher.failures).toEqual([]);
    for (const { org, contentId } of [first, second]) {
      expect(await Content.get(org.orgId, contentId)).toMatchObject({ status: "published" });
      expect(
        await Job.record(units.find((sent) => sent.orgId === org.orgId) as Job.JobUnit),
      ).toMatchObject({ status: "done", result: { published: [contentId] } });
    }
  });

  it("answers a redelivered unit with the first run's result, without running it again", async () => {
    const { org, contentId } = await scheduledItem();
    clock.advance(60 * 60_000);
    publisher.published.length = 0;
    await Job.tick(publishScheduled, clock.now());
    const event = publisher.published.find(
      (sent) =>
        sent.detailType === "job.unit" &&
        (sent.detail.properties as Job.JobUnit).orgId === org.orgId,
    );
    const delivered = {
      version: "0",
      id: event?.detail.metadata.eventId,
      "detail-type": "job.unit",
      source: "sprida",
      account: "000000000000",
      time: clock.now().toISOString(),
      region: "local",
      resources: [],
      detail: event?.detail,
    };
    expect(await unit(delivered)).toMatchObject({
      status: "already_done",
      result: { published: [contentId] },
    });
  });
});
