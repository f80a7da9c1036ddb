import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Auth } from "@sprida/core/auth";
import { Campaign } from "@sprida/core/campaign";
import { Content } from "@sprida/core/content";
import { Member } from "@sprida/core/member";
import { Org } from "@sprida/core/org";
import { Points } from "@sprida/core/points";
import { Share } from "@sprida/core/share";
import { Tally } from "@sprida/core/tally";
import type { LocalSystem } from "@sprida/local/runtime";
import { DEMO_CAMPAIGN_ID, DEMO_OWNER_EMAIL, DEMO_SHARES, demoTotals } from "@sprida/local/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDynamo } from "../helpers/dynamodb";
import { eventually } from "../helpers/eventually";
import { startTestSystem } from "../helpers/local-system";

describe("the demo organisation, seeded on first start", () => {
  const _dynamo = testDynamo();
  let dataDir: string;
  let system: LocalSystem | undefined;

  const start = () => startTestSystem({ dataDir, http: false, seedDemo: true });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "sprida-demo-seed-"));
    ({ system } = await start());
  });
  afterAll(() => system?.stop());

  const membersOf = async (orgId: string) => (await Member.list(orgId, { limit: 100 })).members;
  const adminOf = async (orgId: string) => {
    const admin = (await membersOf(orgId)).find((member) => member.role === "admin");
    if (!admin) throw new Error("The demo has no admin");
    return Member.refOf(admin);
  };

  it("publishes a library in two languages, with a featured item and a campaign", async () => {
    const demo = system?.demo;
    expect(demo).toMatchObject({ created: true, ownerEmail: DEMO_OWNER_EMAIL });
    const orgId = demo?.orgId as string;

    const { items } = await Content.list(orgId, { status: "published" });
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(new Set(items.map((item) => item.language))).toEqual(new Set(["sv", "en"]));
    expect(items.filter((item) => item.featured)).toHaveLength(1);
    expect(items.some((item) => item.kind === "external")).toBe(true);
    expect(items.every((item) => item.suggestedTexts.length >= 2)).toBe(true);
    const inCampaign = items.filter((item) => item.campaignId === DEMO_CAMPAIGN_ID);
    expect(inCampaign.length).toBeGreaterThan(0);

    const campaign = await Campaign.get(await adminOf(orgId), DEMO_CAMPAIGN_ID);
    expect(campaign.items.sort()).toEqual(inCampaign.map((item) => item.contentId).sort());
  });

  it("sends its clicks through the real click path into the tally, confirming shares on the way", async () => {
    const orgId = system?.demo?.orgId as string;
    const expected = demoTotals();
    expect(system?.demo?.activity).toEqual({
      links: DEMO_SHARES.length,
      confirmedByMembers: DEMO_SHARES.filter((share) => share.confirmed).length,
      clicks: expected.rawClicks,
    });
    expect(expected.rawClicks).toBeGreaterThanOrEqual(40);
    expect(expected.rawClicks).toBeLessThanOrEqual(120);

    const day = Org.localDay("Europe/Stockholm", new Date());
    // Confirmations by a first unique click are themselves events that go round once more.
    const counts = await eventually(async () => {
      const now = await Tally.orgDay(orgId, day);
      return now.rawClicks === expected.rawClicks &&
        now.sharesConfirmed === expected.sharesConfirmed
        ? now
        : undefined;
    }, 60_000);
    expect(counts).toMatchObject(expected);
    for (const kind of ["botClicks", "selfClicks", "internalClicks", "humanClicks"] as const) {
      expect(counts[kind]).toBeGreaterThan(0);
    }
    expect(counts.uniqueClicks).toBeGreaterThan(0);
    expect(counts.uniqueClicks).toBeLessThan(counts.humanClicks);
    expect(counts.sharesConfirmed).toBeGreaterThan(DEMO_SHARES.filter((s) => s.confirmed).length);
    expect(counts.potentialReach).toBeGreaterThan(0);
  });

  it("names on the leaderboard only the members who chose it, the rest as a count", async () => {
    const orgId = system?.demo?.orgId as string;
    const members = await membersOf(orgId);
    const named = members.filter((member) => member.privacy.namedToAdmins);
    expect(named.length).toBeGreaterThanOrEqual(3);
    expect(members.some((member) => member.channels.length > 0)).toBe(true);

    const board = await Points.leaderboard(await adminOf(orgId), { period: "week" });
    expect(board.entries.map((entry) => entry.displayName).sort()).toEqual(
      named.map((member) => member.displayName).sort(),
    );
    expect(board.others.count).toBeGreaterThan(0);
  });

  it("creates nothing new when started again on the same data folder", async () => {
    const orgId = system?.demo?.orgId as string;
    const snapshot = async () => {
      const members = await membersOf(orgId);
      const links = await Promise.all(
        members.map((member) => Share.linksOfMember(orgId, member.memberId)),
      );
      return {
        members: members.length,
        content: (await Content.list(orgId, { limit: 100 })).items.length,
        campaigns: (await Campaign.list(await adminOf(orgId))).length,
        links: links.flat().length,
        organisations: (await Member.membershipsOfPerson(members[0]?.personId as string)).length,
      };
    };
    const before = await snapshot();
    await system?.stop();
    system = undefined;

    let base: string;
    ({ system, base } = await start());
    expect(system.demo).toEqual({ orgId, ownerEmail: DEMO_OWNER_EMAIL, created: false });
    expect(await snapshot()).toEqual(before);
    // Links follow the port this start listens on (each start here takes a new free port).
    const port = new URL(base).port;
    const { url } = await Auth.createSignInLink({ email: DEMO_OWNER_EMAIL, orgId });
    expect(new URL(url).origin).toBe(`http://localhost:${port}`);
    expect(system.urls.app).toBe(`http://localhost:${port}`);
  });
});
