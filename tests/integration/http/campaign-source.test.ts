import { Org } from "@sprida/core/org";
import { Tally } from "@sprida/core/tally";
import { createApp } from "@sprida/functions/http";
import { createRedirectApp } from "@sprida/functions/http/redirect";
import type { LocalSystem } from "@sprida/local/runtime";
import type { Context } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, apiClient } from "../../helpers/api-client";
import { publishContent } from "../../helpers/content";
import { eventually } from "../../helpers/eventually";
import { TEST_ORIGIN, TestClient } from "../../helpers/http";
import { type SeededOrg, seedOrganisation } from "../../helpers/identity";
import { startTestSystem } from "../../helpers/local-system";

const ADDRESS_HEADER = "x-test-viewer-address";
const clientAddress = (c: Context) => c.req.header(ADDRESS_HEADER);
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

/**
 * Issue 11 item 5: the content's `campaignId` is the one record of which campaign an item is
 * in. After an item moves, the campaigns' items, the feed filter, the utm_campaign of new
 * links and the tally's campaign rows (the stats rows, and campaign progress) all agree.
 */
describe("one source of truth for campaigns", () => {
  let system: LocalSystem;
  let org: SeededOrg;
  /** For the content helpers, which take the browser-like client. */
  let admin: TestClient;
  /** The typed client: paths, bodies and answers checked against the OpenAPI document. */
  let adminApi: ApiClient;
  const api = createApp({ clientAddress });
  const redirect = createRedirectApp({ clientAddress });
  const today = () => Org.localDay("Europe/Stockholm", new Date());

  beforeAll(async () => {
    ({ system } = await startTestSystem({ http: false, publicOrigin: TEST_ORIGIN }));
    org = await seedOrganisation("CampaignSource");
    await Org.update(org.orgId, { ownDomains: ["news.example"] });
    admin = new TestClient(api, org.admin.sessionToken);
    adminApi = apiClient(api, { sessionToken: org.admin.sessionToken });
    for (const [campaignId, name] of [
      ["spring", "Spring"],
      ["summer", "Summer"],
    ] as const) {
      const created = await adminApi.POST("/api/admin/campaigns", {
        body: {
          campaignId,
          name,
          startDay: "2026-01-01",
          endDay: "2030-12-31",
          goal: { kind: "unique_clicks", target: 10 },
        },
      });
      expect(created.response.status, JSON.stringify(created.error)).toBe(201);
    }
  }, 120_000);
  afterAll(() => system?.stop());

  /** Shares, confirms and clicks once (a human reader of its own); returns the link. */
  async function shareConfirmAndClick(who: ApiClient, contentId: string, reader: string) {
    const shared = await who.POST("/api/content/{contentId}/share", {
      params: { path: { contentId } },
      body: { channel: "linkedin" },
    });
    expect(shared.response.status, JSON.stringify(shared.error)).toBe(200);
    const link = shared.data?.link;
    if (!link) throw new Error("No link in the answer");
    const confirmed = await who.POST("/api/shares/{code}/confirm", {
      params: { path: { code: link.code } },
      body: {},
    });
    expect(confirmed.response.status, JSON.stringify(confirmed.error)).toBe(200);
    const click = await redirect.request(`${TEST_ORIGIN}/r/${link.code}`, {
      headers: { [ADDRESS_HEADER]: reader, "user-agent": BROWSER },
    });
    expect(click.status).toBe(302);
    // The reader lands on the stored destination (plus the click id on own domains).
    expect(click.headers.get("location")).toMatch(/&sid=[0-9A-Za-z]{10}\.[0-9a-f-]{36}$/);
    expect(click.headers.get("location")?.replace(/&sid=[0-9A-Za-z]{10}\.[0-9a-f-]{36}$/, "")).toBe(
      link.destination,
    );
    return link;
  }

  const campaign = async (campaignId: string) => {
    const { data, error } = await adminApi.GET("/api/admin/campaigns/{campaignId}", {
      params: { path: { campaignId } },
    });
    if (!data) throw new Error(JSON.stringify(error));
    return data;
  };
  const feedIds = async (campaignId: string) => {
    const member = apiClient(api, { sessionToken: org.member.sessionToken });
    const feed = await member.GET("/api/feed", { params: { query: { campaignId, limit: 50 } } });
    expect(feed.response.status, JSON.stringify(feed.error)).toBe(200);
    return (feed.data?.items ?? []).map((item) => item.contentId);
  };
  const campaignRows = async () => {
    const rows = await Tally.countersBetween(org.orgId, "campaign", today(), today());
    return Object.fromEntries(
      rows.map((row) => [
        row.key,
        { sharesConfirmed: row.counts.sharesConfirmed, uniqueClicks: row.counts.uniqueClicks },
      ]),
    );
  };

  it("agree on an item's campaign before and after it moves, and keep each link's counts with the campaign its URL names", async () => {
    const contentId = await publishContent(admin, {
      url: "https://news.example/post",
      campaignId: "spring",
    });
    expect((await campaign("spring")).items).toEqual([contentId]);
    expect(await feedIds("spring")).toEqual([contentId]);

    const before = await shareConfirmAndClick(
      apiClient(api, { sessionToken: org.member.sessionToken }),
      contentId,
      "203.0.113.71",
    );
    expect(new URL(before.destination).searchParams.get("utm_campaign")).toBe("spring");
    expect(before.campaignId).toBe("spring");

    const moved = await adminApi.PATCH("/api/content/{contentId}", {
      params: { path: { contentId } },
      body: { campaignId: "summer" },
    });
    expect(moved.response.status, JSON.stringify(moved.error)).toBe(200);
    expect((await campaign("spring")).items).toEqual([]);
    expect((await campaign("summer")).items).toEqual([contentId]);
    expect(await feedIds("spring")).toEqual([]);
    expect(await feedIds("summer")).toEqual([contentId]);

    const after = await shareConfirmAndClick(
      apiClient(api, { sessionToken: org.curator.sessionToken }),
      contentId,
      "203.0.113.72",
    );
    expect(new URL(after.destination).searchParams.get("utm_campaign")).toBe("summer");
    expect(after.campaignId).toBe("summer");

    // The tally's campaign rows (what stats and progress read) follow each link's campaign.
    const rows = await eventually(async () => {
      const seen = await campaignRows();
      return seen.spring?.uniqueClicks === 1 && seen.summer?.uniqueClicks === 1 ? seen : undefined;
    }, 60_000);
    expect(rows).toEqual({
      spring: { sharesConfirmed: 1, uniqueClicks: 1 },
      summer: { sharesConfirmed: 1, uniqueClicks: 1 },
    });
    expect((await campaign("spring")).progress).toMatchObject({
      confirmedShares: 1,
      uniqueClicks: 1,
    });
    expect((await campaign("summer")).progress).toMatchObject({
      confirmedShares: 1,
      uniqueClicks: 1,
    });

    // Out of every campaign: in no campaign's items and no campaign's feed.
    const cleared = await adminApi.PATCH("/api/content/{contentId}", {
      params: { path: { contentId } },
      body: { campaignId: null },
    });
    expect(cleared.response.status, JSON.stringify(cleared.error)).toBe(200);
    expect((await campaign("summer")).items).toEqual([]);
    expect(await feedIds("summer")).toEqual([]);
  }, 120_000);

  it("refuses a campaignId that is unknown or another organisation's, changing nothing", async () => {
    const other = await seedOrganisation("CampaignRival");
    const rival = apiClient(api, { sessionToken: other.admin.sessionToken });
    const theirs = await rival.POST("/api/admin/campaigns", {
      body: {
        campaignId: "theirs",
        name: "Theirs",
        startDay: "2026-01-01",
        endDay: "2030-12-31",
        goal: { kind: "unique_clicks", target: 10 },
      },
    });
    expect(theirs.response.status, JSON.stringify(theirs.error)).toBe(201);

    const draft = {
      title: "Not in a campaign",
      url: "https://news.example/draft",
      language: "en" as const,
      topics: ["news"],
    };
    for (const campaignId of ["no-such-campaign", "theirs"]) {
      const created = await adminApi.POST("/api/content", { body: { ...draft, campaignId } });
      expect(created.response.status).toBe(400);
      expect(created.error).toMatchObject({ error: { code: "campaign_not_found" } });
    }
    const library = await adminApi.GET("/api/content", { params: { query: { limit: 100 } } });
    const titles = (library.data?.items ?? []).map((item) => item.title);
    expect(titles).not.toContain("Not in a campaign");

    const contentId = await publishContent(admin, { campaignId: "spring" });
    const refused = await adminApi.PATCH("/api/content/{contentId}", {
      params: { path: { contentId } },
      body: { campaignId: "theirs" },
    });
    expect(refused.response.status).toBe(400);
    expect(refused.error).toMatchObject({ error: { code: "campaign_not_found" } });
    const stored = await adminApi.GET("/api/content/{contentId}", {
      params: { path: { contentId } },
    });
    expect(stored.data?.campaignId).toBe("spring");
    const rivals = await rival.GET("/api/admin/campaigns/{campaignId}", {
      params: { path: { campaignId: "theirs" } },
    });
    expect(rivals.data?.items).toEqual([]);
  });

  it("takes a campaign's items from its content only: items in a campaign body are refused", async () => {
    const refused = await admin.post("/api/admin/campaigns", {
      json: {
        name: "With items",
        startDay: "2026-01-01",
        endDay: "2030-12-31",
        goal: { kind: "unique_clicks", target: 10 },
        items: [],
      },
    });
    expect(refused.status, refused.text).toBe(400);
    const patched = await admin.patch("/api/admin/campaigns/spring", { json: { items: [] } });
    expect(patched.status, patched.text).toBe(400);
  });
});
