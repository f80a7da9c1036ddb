import { Tally } from "@sprida/core/tally";
import { describe, expect, it } from "vitest";
import { TestLink } from "../../../packages/core/src/tally/test-support";
import { publishContent } from "../../helpers/content";
import { TestClient } from "../../helpers/http";
import { joinAs, sessionOf, unique, useHttpFlows } from "../../helpers/http-flows";
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

  /** A member who can share: their id and a session. */
  type Sharer = { memberId: string; sessionToken: string };

  const joinOffice = async (org: SeededOrg, office: string): Promise<Sharer> => {
    const membership = await joinAs(org.orgId, `office-${unique()}@flows.example`, "member", {
      segment: { office },
    });
    return { memberId: membership.memberId, sessionToken: await sessionOf(membership) };
  };

  /** A real tracked link of the sharer's (what tells the stats who shared), then its events. */
  async function shared(
    org: SeededOrg,
    sharer: Sharer,
    contentId: string,
    channel: string,
    context: ConstructorParameters<typeof TestLink>[4],
    day: string,
    clicks: number,
  ): Promise<void> {
    const response = await new TestClient(flow.app, sharer.sessionToken).post(
      `/api/content/${contentId}/share`,
      { json: { channel } },
    );
    expect(response.status, response.text).toBe(200);
    const link = new TestLink(org.orgId, sharer.memberId, contentId, channel, context);
    Object.assign(link, { linkCode: (response.body as { link: { code: string } }).link.code });
    await Tally.applyBatch([
      link.confirmed(day),
      ...Array.from({ length: clicks }, () => link.click(day, "human")),
      link.click(day, "bot"),
    ]);
  }

  /**
   * Stockholm (the four seeded members, unit Sales, and two more): 6 people; Malmö 2 and
   * Lund 3 (together 5); unit Sales only the seeded 4.
   */
  async function organisation() {
    at(NOW);
    const org = await seedOrganisation("Stats");
    const stockholm = [await joinOffice(org, "Stockholm"), await joinOffice(org, "Stockholm")];
    const malmo = [await joinOffice(org, "Malmö"), await joinOffice(org, "Malmö")];
    const lund = [
      await joinOffice(org, "Lund"),
      await joinOffice(org, "Lund"),
      await joinOffice(org, "Lund"),
    ];
    const admin = new TestClient(flow.app, org.admin.sessionToken);
    const campaign = await admin.post("/api/admin/campaigns", {
      json: {
        campaignId: "launch",
        name: "Launch week",
        startDay: "2037-11-01",
        endDay: "2037-11-30",
        goal: { kind: "unique_clicks", target: 10 },
      },
    });
    expect(campaign.status, campaign.text).toBe(201);
    const news = await publishContent(new TestClient(flow.app, org.owner.sessionToken), {
      title: "Office news",
      campaignId: "launch",
    });
    const formula = await publishedItem(org, "=HYPERLINK(evil.example, x)");

    const sales = { office: "Stockholm", unit: "Sales" };
    await shared(
      org,
      org.member,
      news,
      "linkedin",
      { segment: sales, networkSize: 100, campaignId: "launch" },
      "2037-11-20",
      3,
    );
    await shared(
      org,
      malmo[0] as Sharer,
      formula,
      "x",
      { segment: { office: "Malmö" }, networkSize: 0 },
      "2037-11-21",
      2,
    );
    await shared(
      org,
      lund[0] as Sharer,
      news,
      "x",
      { segment: { office: "Lund" }, networkSize: 0, campaignId: "launch" },
      "2037-11-22",
      1,
    );
    // Outside the default last 30 days.
    await shared(
      org,
      org.curator,
      formula,
      "x",
      { segment: sales, networkSize: 0 },
      "2037-09-01",
      7,
    );
    return { org, admin, news, formula, stockholm, malmo, lund };
  }

  /**
   * Four more sharers of each item in the period, without clicks: news has six sharers on
   * LinkedIn and X, the formula item five on X, so every content, campaign and channel row
   * stands for five people or more (LinkedIn five, X six).
   */
  async function crowded() {
    const made = await organisation();
    const { org, news, formula, stockholm, malmo, lund } = made;
    const day = "2037-11-23";
    const launch = { segment: {}, networkSize: 0, campaignId: "launch" };
    for (const sharer of [org.owner, org.admin, ...stockholm]) {
      await shared(org, sharer, news, "linkedin", launch, day, 0);
    }
    for (const sharer of [org.member, malmo[1], lund[1], lund[2]]) {
      await shared(org, sharer as Sharer, formula, "x", { segment: {}, networkSize: 0 }, day, 0);
    }
    return made;
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

  it("breaks counts down per content item, campaign and channel of five or more sharers, most unique clicks first", async () => {
    const { admin, news, formula } = await crowded();
    const content = (await admin.get("/api/admin/stats/content")).body as StatsAnswer;
    expect(content.rows.map((row) => [row.key, row.label, row.counts.uniqueClicks])).toEqual([
      [news, "Office news", 4],
      [formula, "=HYPERLINK(evil.example, x)", 2],
    ]);
    expect(content.rows[0]).toMatchObject({ points: 6 * 5 + 4, counts: { sharesConfirmed: 6 } });

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
    const { admin } = await crowded();
    const response = await admin.get("/api/admin/stats/content?format=csv");
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = response.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "key,label,sharesIntended,sharesConfirmed,potentialReach,rawClicks,botClicks,selfClicks," +
        "internalClicks,humanClicks,uniqueClicks,sharePoints,clickPoints,conversions," +
        "conversionValue,points",
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

  it("lets no combination of rows and totals give away a lone member's figures, in JSON or CSV", async () => {
    at(NOW);
    const org = await seedOrganisation("Subtraction");
    const stockholm = [await joinOffice(org, "Stockholm"), await joinOffice(org, "Stockholm")];
    const lone = await joinOffice(org, "Kiruna");
    const news = await publishedItem(org, "Office news");
    const solo = await publishedItem(org, "Northern lights");
    const sales = { segment: { office: "Stockholm", unit: "Sales" }, networkSize: 10 };
    const day = "2037-11-20";
    for (const [index, sharer] of [org.owner, org.admin, org.curator, org.member].entries()) {
      await shared(org, sharer, news, "linkedin", sales, day, index + 1);
    }
    for (const sharer of stockholm) {
      await shared(
        org,
        sharer,
        news,
        "linkedin",
        { ...sales, segment: { office: "Stockholm" } },
        day,
        5,
      );
    }
    await shared(org, lone, solo, "x", { segment: { office: "Kiruna" }, networkSize: 40 }, day, 3);
    const metrics = [
      "sharesIntended",
      "sharesConfirmed",
      "potentialReach",
      "rawClicks",
      "botClicks",
      "selfClicks",
      "internalClicks",
      "humanClicks",
      "uniqueClicks",
      "sharePoints",
      "clickPoints",
    ];
    const lonesFigures = [0, 1, 40, 4, 1, 0, 0, 3, 3, 5, 3];

    /** Every total ± every subset of rows: the subtraction attack, exhaustively. */
    const recovers = (total: number[], rows: number[][]) => {
      const combine = (index: number, sum: number[]): boolean => {
        if (index === rows.length) return sum.every((value, i) => value === lonesFigures[i]);
        const row = rows[index] as number[];
        return [0, 1, -1].some((sign) =>
          combine(
            index + 1,
            sum.map((value, i) => value + sign * (row[i] as number)),
          ),
        );
      };
      return [0, 1].some((sign) =>
        combine(
          0,
          total.map((value) => sign * value),
        ),
      );
    };

    const admin = new TestClient(flow.app, org.admin.sessionToken);
    for (const dimension of ["content", "campaign", "channel", "segment"]) {
      const json = (await admin.get(`/api/admin/stats/${dimension}`)).body as StatsAnswer;
      const vector = (counts: Record<string, number>) => metrics.map((m) => counts[m] ?? 0);
      expect(vector(json.totals)[8], "the lone member's clicks are in the total").toBe(23);
      expect(
        recovers(
          vector(json.totals),
          json.rows.map((row) => vector(row.counts)),
        ),
        dimension,
      ).toBe(false);

      const csv = (await admin.get(`/api/admin/stats/${dimension}?format=csv`)).text;
      const [total, ...rows] = csv
        .trimEnd()
        .split("\r\n")
        .slice(1)
        .map((line) =>
          line
            .split(",")
            .slice(2, 2 + metrics.length)
            .map(Number),
        );
      expect(recovers(total as number[], rows), `${dimension} as CSV`).toBe(false);
      expect(csv).not.toContain("Kiruna");
      expect(csv).not.toContain("Northern lights");
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
