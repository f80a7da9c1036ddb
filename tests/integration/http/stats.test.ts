import { Tally } from "@sprida/core/tally";
import { describe, expect, it } from "vitest";
import { TestLink } from "../../../packages/core/src/tally/test-records";
import { publishContent } from "../../helpers/content";
import { TestClient } from "../../helpers/http";
import { joinAs, unique, useHttpFlows } from "../../helpers/http-flows";
import { type SeededOrg, seedOrganisation } from "../../helpers/identity";

type StatsAnswer = {
  dimension: string;
  from: string;
  to: string;
  totals: Record<string, number>;
  points: number;
  rows: { key: string; label: string; counts: Record<string, number>; points: number }[];
};

const NOW = "2037-11-25T10:00:00.000Z";

/** Admins' breakdowns over HTTP: per content, campaign, channel and segment (issue 5). */
describe("admin stats over HTTP", () => {
  const flow = useHttpFlows();
  const at = (iso: string) => flow.clock.advance(Date.parse(iso) - flow.clock.now().getTime());

  const publishedItem = (org: SeededOrg, title: string) =>
    publishContent(new TestClient(flow.app, org.owner.sessionToken), { title });

  const joinOffice = (org: SeededOrg, office: string) =>
    joinAs(org.orgId, `office-${unique()}@flows.example`, "member", {
      segment: { office },
    });

  /**
   * Stockholm (the four seeded members, unit Sales, and two more): 6 people; Malmö 2 and
   * Lund 3 (together 5); unit Sales only the seeded 4.
   */
  async function organisation() {
    at(NOW);
    const org = await seedOrganisation("Stats");
    await joinOffice(org, "Stockholm");
    await joinOffice(org, "Stockholm");
    const malmo = [await joinOffice(org, "Malmö"), await joinOffice(org, "Malmö")];
    const lund = [
      await joinOffice(org, "Lund"),
      await joinOffice(org, "Lund"),
      await joinOffice(org, "Lund"),
    ];
    const news = await publishedItem(org, "Office news");
    const formula = await publishedItem(org, "=HYPERLINK(evil.example, x)");
    const admin = new TestClient(flow.app, org.admin.sessionToken);
    const campaign = await admin.post("/api/admin/campaigns", {
      json: {
        campaignId: "launch",
        name: "Launch week",
        startDay: "2037-11-01",
        endDay: "2037-11-30",
        goal: { kind: "unique_clicks", target: 10 },
        items: [news],
      },
    });
    expect(campaign.status, campaign.text).toBe(201);

    const shared = async (
      memberId: string,
      contentId: string,
      channel: string,
      context: ConstructorParameters<typeof TestLink>[4],
      day: string,
      clicks: number,
    ) => {
      const link = new TestLink(org.orgId, memberId, contentId, channel, context);
      await Tally.applyBatch([
        link.confirmed(day),
        ...Array.from({ length: clicks }, () => link.click(day, "human")),
        link.click(day, "bot"),
      ]);
    };
    const sales = { office: "Stockholm", unit: "Sales" };
    await shared(
      org.member.memberId,
      news,
      "linkedin",
      { segment: sales, networkSize: 100, campaignId: "launch" },
      "2037-11-20",
      3,
    );
    await shared(
      malmo[0]?.memberId ?? "",
      formula,
      "x",
      { segment: { office: "Malmö" }, networkSize: 0 },
      "2037-11-21",
      2,
    );
    await shared(
      lund[0]?.memberId ?? "",
      news,
      "x",
      { segment: { office: "Lund" }, networkSize: 0, campaignId: "launch" },
      "2037-11-22",
      1,
    );
    // Outside the default last 30 days.
    await shared(
      org.curator.memberId,
      formula,
      "x",
      { segment: sales, networkSize: 0 },
      "2037-09-01",
      7,
    );
    return { org, admin, news, formula };
  }

  it("shows segments of five or more people only, and sums smaller ones into 'other' when that reaches five", async () => {
    const { admin } = await organisation();
    const response = await admin.get("/api/admin/stats/segment");
    expect(response.status, response.text).toBe(200);
    const stats = response.body as StatsAnswer;
    expect(stats).toMatchObject({ dimension: "segment", from: "2037-10-27", to: "2037-11-25" });
    expect(stats.totals).toMatchObject({ sharesConfirmed: 3, uniqueClicks: 6, botClicks: 3 });
    expect(stats.rows.map((row) => [row.key, row.label, row.counts.uniqueClicks])).toEqual([
      ["office:*", "Office: other", 3],
      ["office:Stockholm", "Office: Stockholm", 3],
    ]);
    // Malmö (2), Lund (3) and the unit Sales (4, nothing to sum it with) are never shown.
    for (const hidden of ["Malmö", "Lund", "Sales", "unit:"]) {
      expect(response.text).not.toContain(hidden);
    }
  });

  it("breaks counts down per content item, campaign and channel, most unique clicks first", async () => {
    const { admin, news, formula } = await organisation();
    const content = (await admin.get("/api/admin/stats/content")).body as StatsAnswer;
    expect(content.rows.map((row) => [row.key, row.label, row.counts.uniqueClicks])).toEqual([
      [news, "Office news", 4],
      [formula, "=HYPERLINK(evil.example, x)", 2],
    ]);
    expect(content.rows[0]).toMatchObject({ points: 10 + 4, counts: { sharesConfirmed: 2 } });

    const longer = (await admin.get("/api/admin/stats/content?from=2037-09-01&to=2037-11-25"))
      .body as StatsAnswer;
    expect(longer.rows.map((row) => [row.label, row.counts.uniqueClicks])).toEqual([
      ["=HYPERLINK(evil.example, x)", 9],
      ["Office news", 4],
    ]);
    expect(longer.totals.uniqueClicks).toBe(13);

    const campaigns = (await admin.get("/api/admin/stats/campaign")).body as StatsAnswer;
    expect(campaigns.rows.map((row) => [row.key, row.label, row.counts.uniqueClicks])).toEqual([
      ["launch", "Launch week", 4],
    ]);
    const channels = (await admin.get("/api/admin/stats/channel")).body as StatsAnswer;
    expect(channels.rows.map((row) => [row.key, row.label, row.counts.uniqueClicks])).toEqual([
      ["linkedin", "LinkedIn", 3],
      ["x", "X", 3],
    ]);
  });

  it("gives the breakdown as CSV, with formula-like cells kept as text", async () => {
    const { admin } = await organisation();
    const response = await admin.get("/api/admin/stats/content?format=csv");
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = response.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "key,label,sharesIntended,sharesConfirmed,potentialReach,rawClicks,botClicks,selfClicks," +
        "internalClicks,humanClicks,uniqueClicks,sharePoints,clickPoints,points",
    );
    expect(lines[1]).toMatch(/^total,2037-10-27\.\.2037-11-25,/);
    expect(lines).toHaveLength(4);
    expect(response.text).toContain(`"'=HYPERLINK(evil.example, x)"`);
    expect(response.text).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it("shows only the organisation's own counts", async () => {
    const { admin } = await organisation();
    const other = await seedOrganisation("Rival");
    const theirs = new TestLink(other.orgId, other.member.memberId, "rival-content", "linkedin", {
      segment: { office: "Stockholm" },
      networkSize: 0,
      campaignId: "launch",
    });
    await Tally.applyBatch([theirs.confirmed("2037-11-24"), theirs.click("2037-11-24", "human")]);
    for (const dimension of ["content", "campaign", "channel", "segment"]) {
      const response = await admin.get(`/api/admin/stats/${dimension}`);
      const stats = response.body as StatsAnswer;
      expect(stats.totals.uniqueClicks, dimension).toBe(6);
      expect(stats.totals, "the probe count is for health checks only").not.toHaveProperty(
        "probes",
      );
      expect(response.text).not.toContain("rival-content");
      const sum = stats.rows.reduce((total, row) => total + (row.counts.uniqueClicks ?? 0), 0);
      expect(sum, dimension).toBeLessThanOrEqual(6);
    }
  });

  it("refuses members, unknown dimensions and bad periods with JSON errors", async () => {
    at(NOW);
    const org = await seedOrganisation("StatsRefusals");
    const admin = new TestClient(flow.app, org.admin.sessionToken);
    for (const path of [
      "/api/admin/stats/member",
      "/api/admin/stats/link",
      "/api/admin/stats/content?from=2037-11-25&to=2037-11-01",
      "/api/admin/stats/content?from=2037-13-01",
      "/api/admin/stats/content?to=yesterday",
      "/api/admin/stats/content?from=2025-01-01&to=2037-11-25",
      "/api/admin/stats/content?format=pdf",
      "/api/admin/stats/content?dimension=segment&extra=1",
    ]) {
      const response = await admin.get(path);
      expect(response.status, path).toBe(400);
      expect(response.body, path).toMatchObject({
        error: { code: expect.any(String), message: expect.any(String) },
      });
    }
    const member = new TestClient(flow.app, org.member.sessionToken);
    expect((await member.get("/api/admin/stats/content")).status).toBe(403);
  });
});
