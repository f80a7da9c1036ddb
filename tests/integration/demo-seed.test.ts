import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Auth } from "@sprida/core/auth";
import { Campaign } from "@sprida/core/campaign";
import { Content } from "@sprida/core/content";
import { addDays, isoWeekday } from "@sprida/core/day";
import { Member } from "@sprida/core/member";
import { Org } from "@sprida/core/org";
import { Points } from "@sprida/core/points";
import { Share } from "@sprida/core/share";
import { Tally } from "@sprida/core/tally";
import { Value } from "@sprida/core/value";
import type { LocalSystem } from "@sprida/local/runtime";
import {
  DEMO_CAMPAIGN_ID,
  DEMO_CAMPAIGNS,
  DEMO_OWNER_EMAIL,
  DEMO_SHARES,
  type DemoTotals,
  demoTotals,
  demoTotalsByDay,
  HISTORY_DAYS,
  historyPlan,
  PAST_CAMPAIGN_ID,
} from "@sprida/local/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDynamo } from "../helpers/dynamodb";
import { eventually } from "../helpers/eventually";
import { startTestSystem, untilIdle } from "../helpers/local-system";

const TOTALS: (keyof DemoTotals)[] = [
  "sharesIntended",
  "sharesConfirmed",
  "rawClicks",
  "botClicks",
  "selfClicks",
  "internalClicks",
  "humanClicks",
  "uniqueClicks",
];
const pick = (counts: DemoTotals) =>
  Object.fromEntries(TOTALS.map((key) => [key, counts[key]])) as unknown as DemoTotals;
const average = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe("the demo organisation, seeded on first start", () => {
  const _dynamo = testDynamo();
  let dataDir: string;
  let system: LocalSystem | undefined;

  /** What the seed said while it worked (a first start's progress output). */
  const progress: string[] = [];
  const start = () =>
    startTestSystem({
      dataDir,
      http: false,
      seedDemo: true,
      progress: ({ state, detail }) => {
        if (state === "working" && detail) progress.push(detail);
      },
    });

  let today: string;
  let seedMs: number;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "sprida-demo-seed-"));
    today = Org.localDay("Europe/Stockholm", new Date());
    const began = performance.now();
    ({ system } = await start());
    seedMs = performance.now() - began;
  }, 240_000);
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

    const day = today;
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

  it("plays three months of history through the real pipeline, each day counted exactly", async () => {
    const orgId = system?.demo?.orgId as string;
    const plan = historyPlan(today);
    const expected = demoTotals(plan);
    // A figure, not a limit: the first start's seed on this machine.
    console.info(`demo seed: ${Math.round(seedMs)} ms, ${expected.rawClicks} history clicks`);
    expect(system?.demo?.history).toEqual({
      links: plan.length,
      confirmedByMembers: plan.filter((share) => share.confirmed).length,
      clicks: expected.rawClicks,
      joins: 17,
      conversions: expect.any(Number),
    });
    expect(progress).toHaveLength(9);
    expect(progress.at(-1)).toBe("90 of 90 days of history");
    await untilIdle(system as LocalSystem, 3_000, 180_000);

    const rows = await Tally.countersBetween(
      orgId,
      "org",
      addDays(today, -HISTORY_DAYS - 1),
      today,
    );
    const counted = new Map(rows.map((row) => [row.day, pick(row.counts)]));
    const planned = demoTotalsByDay(plan);
    planned.set(0, demoTotals());
    const wanted = new Map(
      [...planned].map(([daysAgo, totals]) => [addDays(today, -daysAgo), totals]),
    );
    expect(Object.fromEntries(counted)).toEqual(Object.fromEntries(wanted));
    // The shop's orders, counted on their clicks' days, once each.
    const ordered = system?.demo?.history?.conversions ?? 0;
    expect(ordered).toBeGreaterThan(10);
    const conversions = rows.reduce((sum, row) => sum + row.counts.conversions, 0);
    const value = rows.reduce((sum, row) => sum + row.counts.conversionValue, 0);
    expect([conversions, value]).toEqual([ordered, ordered * 89_900]);

    const activeDays = [...counted.keys()].sort();
    expect((activeDays[0] as string) <= addDays(today, -85)).toBe(true);
    expect(activeDays.length).toBeGreaterThanOrEqual(80);
  }, 240_000);

  it("has a weekday rhythm, a campaign with a visible lift, many channels and every click class", async () => {
    const orgId = system?.demo?.orgId as string;
    const plan = historyPlan(today);
    const byDay = demoTotalsByDay(plan);
    const clicksOn = (daysAgo: number) => byDay.get(daysAgo)?.rawClicks ?? 0;
    const sharesOn = (daysAgo: number) => byDay.get(daysAgo)?.sharesIntended ?? 0;
    const days = Array.from({ length: HISTORY_DAYS }, (_, index) => index + 1);
    const weekend = (daysAgo: number) => isoWeekday(addDays(today, -daysAgo)) >= 6;
    expect(average(days.filter((d) => !weekend(d)).map(sharesOn))).toBeGreaterThan(
      3 * average(days.filter(weekend).map(sharesOn)),
    );

    const past = DEMO_CAMPAIGNS.find((campaign) => campaign.campaignId === PAST_CAMPAIGN_ID);
    if (!past) throw new Error("The demo has no past campaign");
    const span = past.startDaysAgo - past.endDaysAgo + 1;
    const during = days.filter((d) => d <= past.startDaysAgo && d >= past.endDaysAgo);
    const before = days.filter((d) => d > past.startDaysAgo && d <= past.startDaysAgo + span);
    expect(average(during.map(clicksOn))).toBeGreaterThan(1.5 * average(before.map(clicksOn)));

    // What the tally holds agrees: the campaign's own counters, and the org's in its window.
    const campaignRows = await Tally.countersBetween(
      orgId,
      "campaign",
      addDays(today, -HISTORY_DAYS),
      today,
    );
    const ofPast = campaignRows.filter((row) => row.key === PAST_CAMPAIGN_ID);
    expect(ofPast.reduce((sum, row) => sum + row.counts.rawClicks, 0)).toBeGreaterThan(100);

    const channels = await Tally.countersBetween(
      orgId,
      "channel",
      addDays(today, -HISTORY_DAYS),
      today,
    );
    expect(new Set(channels.map((row) => row.key)).size).toBeGreaterThanOrEqual(6);
    const all = demoTotals(plan);
    for (const kind of ["botClicks", "selfClicks", "internalClicks"] as const) {
      expect(all[kind]).toBeGreaterThan(20);
    }
  });

  it("values clicks and costs the programme from its first day, with one change mid-history", async () => {
    const orgId = system?.demo?.orgId as string;
    const versions = await Value.versions(orgId);
    expect(versions.map((version) => version.effectiveFrom).sort()).toEqual([
      addDays(today, -90),
      addDays(today, -45),
    ]);
    const before = await Value.settingsOn(orgId, addDays(today, -46));
    const after = await Value.settingsOn(orgId, addDays(today, -45));
    expect(before).toMatchObject({ currency: "SEK", fixedMonthlyCost: 800_000 });
    expect(after).toMatchObject({ currency: "SEK", fixedMonthlyCost: 1_000_000 });
    expect(after.cpc.linkedin).toBeGreaterThan(before.cpc.linkedin as number);
    expect(after.cpc.facebook).toBe(before.cpc.facebook);
  });

  it("lets members join over the months, by the real commands on their days", async () => {
    const orgId = system?.demo?.orgId as string;
    const counts = await Member.countsByDay(orgId, addDays(today, -HISTORY_DAYS - 1), today);
    const active = counts.map((day) => day.active);
    for (let index = 1; index < active.length; index++) {
      expect(active[index]).toBeGreaterThanOrEqual(active[index - 1] as number);
    }
    expect(active[0]).toBe(3);
    expect(active.at(-1)).toBe(17);
    expect(new Set(active).size).toBeGreaterThanOrEqual(10);
    expect(counts.at(-1)?.invited).toBe(1);

    // Segments big enough to show and one too small (the Göteborg office).
    const members = await membersOf(orgId);
    const byOffice = new Map<string, number>();
    for (const member of members.filter((m) => m.status === "active")) {
      const office = member.segment.office ?? "";
      byOffice.set(office, (byOffice.get(office) ?? 0) + 1);
    }
    expect(byOffice.get("Stockholm")).toBeGreaterThanOrEqual(5);
    expect(byOffice.get("Göteborg")).toBeGreaterThan(0);
    expect(byOffice.get("Göteborg")).toBeLessThan(5);
    const named = members.filter((member) => member.privacy.namedToAdmins);
    expect(named.length).toBeLessThan(members.length / 2);
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
    expect(progress).toHaveLength(9);
    expect(await snapshot()).toEqual(before);
    // Links follow the port this start listens on (each start here takes a new free port).
    const port = new URL(base).port;
    const { url } = await Auth.createSignInLink({ email: DEMO_OWNER_EMAIL, orgId });
    expect(new URL(url).origin).toBe(`http://localhost:${port}`);
    expect(system.urls.app).toBe(`http://localhost:${port}`);
  });
});
