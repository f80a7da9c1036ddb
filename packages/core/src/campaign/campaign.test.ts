import { provideTestRuntime } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { beforeAll, describe, expect, it } from "vitest";
import { Audit } from "../audit";
import { Content } from "../content";
import { article } from "../content/test-support";
import { DomainError } from "../error";
import type { MembershipRef } from "../member";
import { testClock } from "../member/test-support";
import { Stats } from "../stats";
import { Tally } from "../tally";
import { TestLink } from "../tally/test-support";
import { Campaign } from ".";

// 10:00 in Stockholm on 2026-06-10.
const clock = testClock("2026-06-10T08:00:00.000Z");

beforeAll(() => {
  provideTestRuntime({ now: clock.now });
});

async function caught(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (error instanceof DomainError) return error;
  throw new Error(`expected a refusal, got ${String(error)}`);
}

async function published(admin: MembershipRef, fields: Record<string, unknown> = {}) {
  const draft = await Content.create(admin, article(fields));
  return Content.publish(admin, draft.contentId);
}

async function setting() {
  const org = await newOrganisation();
  const admin = await activeMember(org, newEmail(), "admin");
  const member = await activeMember(org, newEmail());
  const [first, outside] = [await published(admin), await published(admin)];
  return { org, admin, member, first, outside };
}

const GOAL = { kind: "confirmed_shares" as const, target: 4 };

describe("campaigns", () => {
  it("are created, read, listed and updated by admins, with an audit entry; their items are the content that names them", async () => {
    const { org, admin } = await setting();
    const created = await Campaign.create(admin, {
      campaignId: "spring",
      name: "  Spring launch ",
      startDay: "2026-06-01",
      endDay: "2026-06-30",
      goal: GOAL,
    });
    expect(created).toEqual({
      campaignId: "spring",
      name: "Spring launch",
      startDay: "2026-06-01",
      endDay: "2026-06-30",
      goal: GOAL,
      items: [],
      createdAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
    });
    const first = await published(admin, { campaignId: "spring" });
    const second = await published(admin, { campaignId: "spring" });
    clock.advance(1_000);
    const updated = await Campaign.update(admin, "spring", {
      goal: { kind: "unique_clicks", target: 100 },
    });
    expect(updated).toMatchObject({ name: "Spring launch", goal: { kind: "unique_clicks" } });
    expect(updated.items.sort()).toEqual([first.contentId, second.contentId].sort());
    await Content.update(admin, first.contentId, { campaignId: null });
    expect(await Campaign.get(admin, "spring")).toMatchObject({
      items: [second.contentId],
    });
    expect((await Campaign.list(admin)).map((campaign) => campaign.campaignId)).toEqual(["spring"]);
    const { entries } = await Audit.list(org.orgId, { limit: 50 });
    const actions = entries.map((entry) => entry.action).filter((a) => a.startsWith("campaign."));
    expect(actions.sort()).toEqual(["campaign.created", "campaign.updated"]);
  });

  it("measure progress from the tally's campaign rows within the period", async () => {
    const { org, admin, member, first, outside } = await setting();
    await Campaign.create(admin, {
      campaignId: "june",
      name: "June",
      startDay: "2026-06-01",
      endDay: "2026-06-30",
      goal: GOAL,
    });
    const june = { segment: {}, networkSize: 0, campaignId: "june" };
    const onFirst = new TestLink(org.orgId, member.memberId, first.contentId, "x", june);
    const onLinkedIn = new TestLink(org.orgId, member.memberId, first.contentId, "linkedin", june);
    const elsewhere = { segment: {}, networkSize: 0, campaignId: "july" };
    const onOutside = new TestLink(org.orgId, member.memberId, outside.contentId, "x", elsewhere);
    await Tally.applyBatch([
      onFirst.confirmed("2026-06-02"),
      onLinkedIn.confirmed("2026-06-30"),
      // Not counted: confirmed after the period, and another campaign's link.
      onLinkedIn.confirmed("2026-07-01"),
      onOutside.confirmed("2026-06-05"),
      onFirst.click("2026-06-02", "human"),
      onFirst.click("2026-06-30", "human"),
      onFirst.click("2026-06-30", "bot"),
      onFirst.click("2026-07-01", "human"),
      onOutside.click("2026-06-05", "human"),
    ]);
    expect((await Stats.campaignProgress(admin, "june")).progress).toEqual({
      confirmedShares: 2,
      uniqueClicks: 2,
      ratio: 0.5,
    });
  });

  it("refuse members, bad periods, items in the campaign body and unknown campaigns", async () => {
    const { admin, member } = await setting();
    const other = await setting();
    const input = { name: "x", startDay: "2026-06-01", endDay: "2026-06-30", goal: GOAL };
    expect(await caught(Campaign.create(member, input))).toMatchObject({ kind: "forbidden" });
    expect(await caught(Campaign.create(admin, { ...input, endDay: "2026-05-31" }))).toMatchObject({
      kind: "invalid",
    });
    expect(
      await caught(
        Campaign.create(admin, { ...input, goal: { kind: "likes", target: 1 } } as never),
      ),
    ).toMatchObject({ kind: "invalid" });
    expect(await caught(Campaign.create(admin, { ...input, items: [] } as never))).toMatchObject({
      kind: "invalid",
    });
    const created = await Campaign.create(admin, input);
    expect(
      await caught(Campaign.update(admin, created.campaignId, { endDay: "2026-05-01" })),
    ).toMatchObject({ kind: "invalid" });
    expect(await caught(Campaign.get(other.admin, created.campaignId))).toMatchObject({
      kind: "not_found",
    });
    expect(await caught(Campaign.get(admin, "no such!"))).toMatchObject({ kind: "not_found" });
    expect(await Campaign.list(other.admin)).toEqual([]);
    // Content may only name a campaign of its own organisation.
    expect(
      await caught(Content.create(other.admin, article({ campaignId: created.campaignId }))),
    ).toMatchObject({ kind: "invalid", code: "campaign_not_found" });
    expect(
      await caught(
        Content.update(other.admin, other.first.contentId, { campaignId: created.campaignId }),
      ),
    ).toMatchObject({ kind: "invalid", code: "campaign_not_found" });
  });
});
