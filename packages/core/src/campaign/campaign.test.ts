import { beforeAll, describe, expect, it } from "vitest";
import { provideTestRuntime } from "../../../../tests/helpers/runtime";
import { activeMember, newEmail, newOrganisation } from "../../../../tests/helpers/test-members";
import { Audit } from "../audit";
import { Content } from "../content";
import { article } from "../content/test-support";
import { DomainError } from "../error";
import type { MembershipRef } from "../member";
import { testClock } from "../member/test-support";
import { Share } from "../share";
import { Tally } from "../tally";
import { TestLink } from "../tally/test-records";
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

async function published(admin: MembershipRef) {
  const draft = await Content.create(admin, article());
  return Content.publish(admin, draft.contentId);
}

async function setting() {
  const org = await newOrganisation();
  const admin = await activeMember(org, newEmail(), "admin");
  const member = await activeMember(org, newEmail());
  const [first, second, outside] = [
    await published(admin),
    await published(admin),
    await published(admin),
  ];
  return { org, admin, member, first, second, outside };
}

const GOAL = { kind: "confirmed_shares" as const, target: 4 };

describe("campaigns", () => {
  it("are created, read, listed and updated by admins, with an audit entry", async () => {
    const { org, admin, first, second } = await setting();
    const created = await Campaign.create(admin, {
      campaignId: "spring",
      name: "  Spring launch ",
      startDay: "2026-06-01",
      endDay: "2026-06-30",
      goal: GOAL,
      items: [first.contentId, first.contentId],
    });
    expect(created).toEqual({
      campaignId: "spring",
      name: "Spring launch",
      startDay: "2026-06-01",
      endDay: "2026-06-30",
      goal: GOAL,
      items: [first.contentId],
      createdAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
    });
    clock.advance(1_000);
    const updated = await Campaign.update(admin, "spring", {
      items: [first.contentId, second.contentId],
      goal: { kind: "unique_clicks", target: 100 },
    });
    expect(updated).toMatchObject({ name: "Spring launch", goal: { kind: "unique_clicks" } });
    expect(updated.items).toEqual([first.contentId, second.contentId]);
    expect(await Campaign.get(admin, "spring")).toMatchObject({
      ...updated,
      progress: { confirmedShares: 0, uniqueClicks: 0, ratio: 0 },
    });
    expect((await Campaign.list(admin)).map((campaign) => campaign.campaignId)).toEqual(["spring"]);
    const { entries } = await Audit.list(org.orgId, { limit: 50 });
    const actions = entries.map((entry) => entry.action).filter((a) => a.startsWith("campaign."));
    expect(actions.sort()).toEqual(["campaign.created", "campaign.updated"]);
  });

  it("count confirmed shares of their items within the period", async () => {
    const { org, admin, member, first, second, outside } = await setting();
    const colleague = await activeMember(org, newEmail());
    await Campaign.create(admin, {
      campaignId: "june",
      name: "June",
      startDay: "2026-06-01",
      endDay: "2026-06-30",
      goal: GOAL,
      items: [first.contentId, second.contentId],
    });
    const share = async (who: MembershipRef, contentId: string, channel: string) => {
      const { link } = await Share.linkFor(who, { contentId, channel });
      return link.code;
    };
    await Share.confirm(member, { code: await share(member, first.contentId, "x") });
    await Share.confirm(member, { code: await share(member, first.contentId, "linkedin") });
    await Share.confirmByFirstClick(await share(colleague, second.contentId, "x"));
    // Not counted: an unconfirmed share, and a confirmed share of an item outside it.
    await share(colleague, first.contentId, "email");
    await Share.confirm(member, { code: await share(member, outside.contentId, "x") });
    expect((await Campaign.get(admin, "june")).progress).toEqual({
      confirmedShares: 3,
      uniqueClicks: 0,
      ratio: 0.75,
    });
    // A share confirmed after the period (local day 2026-07-01 in Stockholm) is not counted.
    clock.set("2026-06-30T22:30:00.000Z");
    const late = await share(colleague, second.contentId, "linkedin");
    await Share.confirm(colleague, { code: late });
    expect((await Campaign.get(admin, "june")).progress.confirmedShares).toBe(3);
    clock.set("2026-06-10T08:00:00.000Z");

    // Unique human clicks on the items within the period; not outside it, not other items.
    const onFirst = new TestLink(org.orgId, member.memberId, first.contentId, "x");
    const onOutside = new TestLink(org.orgId, member.memberId, outside.contentId, "x");
    await Tally.applyBatch([
      onFirst.click("2026-06-02", "human"),
      onFirst.click("2026-06-30", "human"),
      onFirst.click("2026-06-30", "bot"),
      onFirst.click("2026-07-01", "human"),
      onOutside.click("2026-06-05", "human"),
    ]);
    expect((await Campaign.get(admin, "june")).progress).toMatchObject({
      confirmedShares: 3,
      uniqueClicks: 2,
    });
  });

  it("refuse members, bad periods, foreign content and unknown campaigns", async () => {
    const { admin, member, first } = await setting();
    const other = await setting();
    const input = {
      name: "x",
      startDay: "2026-06-01",
      endDay: "2026-06-30",
      goal: GOAL,
      items: [first.contentId],
    };
    expect(await caught(Campaign.create(member, input))).toMatchObject({ kind: "forbidden" });
    expect(await caught(Campaign.create(admin, { ...input, endDay: "2026-05-31" }))).toMatchObject({
      kind: "invalid",
    });
    expect(
      await caught(
        Campaign.create(admin, { ...input, goal: { kind: "likes", target: 1 } } as never),
      ),
    ).toMatchObject({ kind: "invalid" });
    expect(
      await caught(Campaign.create(admin, { ...input, items: [other.first.contentId] })),
    ).toMatchObject({ kind: "invalid", code: "unknown_content" });
    const created = await Campaign.create(admin, input);
    expect(
      await caught(Campaign.update(admin, created.campaignId, { endDay: "2026-05-01" })),
    ).toMatchObject({ kind: "invalid" });
    expect(await caught(Campaign.get(other.admin, created.campaignId))).toMatchObject({
      kind: "not_found",
    });
    expect(await caught(Campaign.get(admin, "no such!"))).toMatchObject({ kind: "not_found" });
    expect(await Campaign.list(other.admin)).toEqual([]);
  });
});
