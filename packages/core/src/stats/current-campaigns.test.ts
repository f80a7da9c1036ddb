import { provideTestRuntime } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Campaign } from "../campaign";
import { Content } from "../content";
import { article } from "../content/test-support";
import type { MembershipRef } from "../member";
import { testClock } from "../member/test-support";
import { Tally } from "../tally";
import { TestLink } from "../tally/test-support";
import { Stats } from ".";

// 10:00 in Stockholm on 2026-06-10.
const NOW = "2026-06-10T08:00:00.000Z";
const clock = testClock(NOW);

beforeAll(() => {
  provideTestRuntime({ now: clock.now });
});
beforeEach(() => clock.set(NOW));

const GOAL = { kind: "confirmed_shares" as const, target: 4 };

const campaign = (admin: MembershipRef, campaignId: string, startDay: string, endDay: string) =>
  Campaign.create(admin, { campaignId, name: campaignId, startDay, endDay, goal: GOAL });

async function setting() {
  const org = await newOrganisation();
  const admin = await activeMember(org, newEmail(), "admin");
  const member = await activeMember(org, newEmail());
  await campaign(admin, "june", "2026-06-01", "2026-06-30");
  await campaign(admin, "ends-today", "2026-06-01", "2026-06-10");
  await campaign(admin, "starts-today", "2026-06-10", "2026-06-20");
  await campaign(admin, "ended-yesterday", "2026-05-01", "2026-06-09");
  await campaign(admin, "starts-tomorrow", "2026-06-11", "2026-07-01");
  // Another organisation's campaign running today, with the same id as one of ours.
  const elsewhere = await newOrganisation();
  await campaign(
    await activeMember(elsewhere, newEmail(), "admin"),
    "june",
    "2026-06-01",
    "2026-06-30",
  );
  return { org, admin, member };
}

const ids = (campaigns: { campaignId: string }[]) => campaigns.map((c) => c.campaignId);

describe("the campaigns running today", () => {
  it("are the organisation's campaigns whose period holds today, ending soonest first, for any member", async () => {
    const { member } = await setting();
    const campaigns = await Stats.currentCampaigns(member);
    expect(ids(campaigns)).toEqual(["ends-today", "starts-today", "june"]);
    expect(campaigns[2]).toEqual({
      campaignId: "june",
      name: "june",
      goal: GOAL,
      startDay: "2026-06-01",
      endDay: "2026-06-30",
      progress: { confirmedShares: 0, uniqueClicks: 0, ratio: 0 },
    });
  });

  it("go by the organisation's local day, not the UTC one", async () => {
    const { member } = await setting();
    // 00:30 on 2026-06-10 in Stockholm, still 2026-06-09 in UTC.
    clock.set("2026-06-09T22:30:00.000Z");
    expect(ids(await Stats.currentCampaigns(member))).toEqual([
      "ends-today",
      "starts-today",
      "june",
    ]);
  });

  it("carry each campaign's progress towards its goal", async () => {
    const { org, admin, member } = await setting();
    const draft = await Content.create(admin, article({ campaignId: "june" }));
    const item = await Content.publish(admin, draft.contentId);
    const june = { segment: {}, networkSize: 0, campaignId: "june" };
    const link = new TestLink(org.orgId, member.memberId, item.contentId, "linkedin", june);
    await Tally.applyBatch([link.confirmed("2026-06-02"), link.click("2026-06-03", "human")]);
    const running = await Stats.currentCampaigns(member);
    expect(running.find((c) => c.campaignId === "june")?.progress).toEqual({
      confirmedShares: 1,
      uniqueClicks: 1,
      ratio: 0.25,
    });
    expect(running.find((c) => c.campaignId === "ends-today")?.progress.confirmedShares).toBe(0);
  });

  it("are none when nothing runs today", async () => {
    const org = await newOrganisation();
    const admin = await activeMember(org, newEmail(), "admin");
    await campaign(admin, "autumn", "2026-09-01", "2026-11-30");
    expect(await Stats.currentCampaigns(admin)).toEqual([]);
  });
});
