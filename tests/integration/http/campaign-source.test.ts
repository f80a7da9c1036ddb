import { Org } from "@sprida/core/org";
import { Tally } from "@sprida/core/tally";
import { createApp } from "@sprida/functions/http";
import { createRedirectApp } from "@sprida/functions/http/redirect";
import type { LocalSystem } from "@sprida/local/runtime";
import type { Context } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishContent } from "../../helpers/content";
import { eventually } from "../../helpers/eventually";
import { TEST_ORIGIN, TestClient } from "../../helpers/http";
import { type SeededOrg, seedOrganisation } from "../../helpers/identity";
import { startTestSystem } from "../../helpers/local-system";

const ADDRESS_HEADER = "x-test-viewer-address";
const clientAddress = (c: Context) => c.req.header(ADDRESS_HEADER);
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

type CampaignAnswer = {
  items: string[];
  progress: { confirmedShares: number; uniqueClicks: number };
};
type Link = { code: string; destination: string; campaignId?: string };

/**
 * Issue 11 item 5: the content's `campaignId` is the one record of which campaign an item is
 * in. After an item moves, the campaigns' items, the feed filter, the utm_campaign of new
 * links and the tally's campaign rows (the stats rows, and campaign progress) all agree.
 */
describe("one source of truth for campaigns", () => {
  let system: LocalSystem;
  let org: SeededOrg;
  let admin: TestClient;
  const api = createApp({ clientAddress });
  const redirect = createRedirectApp({ clientAddress });
  const today = () => Org.localDay("Europe/Stockholm", new Date());

  beforeAll(async () => {
    ({ system } = await startTestSystem({ http: false, publicOrigin: TEST_ORIGIN }));
    org = await seedOrganisation("CampaignSource");
    await Org.update(org.orgId, { ownDomains: ["news.example"] });
    admin = new TestClient(api, org.admin.sessionToken);
    for (const [campaignId, name] of [
      ["spring", "Spring"],
      ["summer", "Summer"],
    ]) {
      const created = await admin.post("/api/admin/campaigns", {
        json: {
          campaignId,
          name,
          startDay: "2026-01-01",
          endDay: "2030-12-31",
          goal: { kind: "unique_clicks", target: 10 },
        },
      });
      expect(created.status, created.text).toBe(201);
    }
  }, 120_000);
  afterAll(() => system?.stop());

  /** Shares, confirms and clicks once (a human reader of its own); returns the link. */
  async function shareConfirmAndClick(who: TestClient, contentId: string, reader: string) {
    const shared = await who.post(`/api/content/${contentId}/share`, {
      json: { channel: "linkedin" },
    });
    expect(shared.status, shared.text).toBe(200);
    const { link } = shared.body as { link: Link };
    const confirmed = await who.post(`/api/shares/${link.code}/confirm`, { json: {} });
    expect(confirmed.status, confirmed.text).toBe(200);
    const click = await redirect.request(`${TEST_ORIGIN}/r/${link.code}`, {
      headers: { [ADDRESS_HEADER]: reader, "user-agent": BROWSER },
    });
    expect(click.status).toBe(302);
    // The reader lands on the stored destination (plus the click id on own domains).
    expect(click.headers.get("location")).toMatch(/&sid=[0-9a-f-]{36}$/);
    expect(click.headers.get("location")?.replace(/&sid=[0-9a-f-]{36}$/, "")).toBe(
      link.destination,
    );
    return link;
  }

  const campaign = async (id: string) =>
    (await admin.get(`/api/admin/campaigns/${id}`)).body as CampaignAnswer;
  const feedIds = async (campaignId: string) => {
    const member = new TestClient(api, org.member.sessionToken);
    const feed = await member.get(`/api/feed?campaignId=${campaignId}&limit=50`);
    expect(feed.status, feed.text).toBe(200);
    return (feed.body as { items: { contentId: string }[] }).items.map((item) => item.contentId);
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
      new TestClient(api, org.member.sessionToken),
      contentId,
      "203.0.113.71",
    );
    expect(new URL(before.destination).searchParams.get("utm_campaign")).toBe("spring");
    expect(before.campaignId).toBe("spring");

    const moved = await admin.patch(`/api/content/${contentId}`, {
      json: { campaignId: "summer" },
    });
    expect(moved.status, moved.text).toBe(200);
    expect((await campaign("spring")).items).toEqual([]);
    expect((await campaign("summer")).items).toEqual([contentId]);
    expect(await feedIds("spring")).toEqual([]);
    expect(await feedIds("summer")).toEqual([contentId]);

    const after = await shareConfirmAndClick(
      new TestClient(api, org.curator.sessionToken),
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
    const cleared = await admin.patch(`/api/content/${contentId}`, { json: { campaignId: null } });
    expect(cleared.status, cleared.text).toBe(200);
    expect((await campaign("summer")).items).toEqual([]);
    expect(await feedIds("summer")).toEqual([]);
  }, 120_000);

  it("refuses a campaignId that is unknown or another organisation's, changing nothing", async () => {
    const other = await seedOrganisation("CampaignRival");
    const rival = new TestClient(api, other.admin.sessionToken);
    const theirs = await rival.post("/api/admin/campaigns", {
      json: {
        campaignId: "theirs",
        name: "Theirs",
        startDay: "2026-01-01",
        endDay: "2030-12-31",
        goal: { kind: "unique_clicks", target: 10 },
      },
    });
    expect(theirs.status, theirs.text).toBe(201);

    const draft = {
      title: "Not in a campaign",
      url: "https://news.example/draft",
      language: "en",
      topics: ["news"],
    };
    for (const campaignId of ["no-such-campaign", "theirs"]) {
      const created = await admin.post("/api/content", { json: { ...draft, campaignId } });
      expect(created.status, created.text).toBe(400);
      expect(created.body).toMatchObject({ error: { code: "campaign_not_found" } });
    }
    const library = await admin.get("/api/content?limit=100");
    const titles = (library.body as { items: { title: string }[] }).items.map((i) => i.title);
    expect(titles).not.toContain("Not in a campaign");

    const contentId = await publishContent(admin, { campaignId: "spring" });
    const refused = await admin.patch(`/api/content/${contentId}`, {
      json: { campaignId: "theirs" },
    });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: "campaign_not_found" } });
    const stored = await admin.get(`/api/content/${contentId}`);
    expect((stored.body as { campaignId?: string }).campaignId).toBe("spring");
    expect(((await rival.get("/api/admin/campaigns/theirs")).body as CampaignAnswer).items).toEqual(
      [],
    );
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
