import { Org } from "@sprida/core/org";
import { beforeAll, describe, expect, it } from "vitest";
import { publishContent } from "../../helpers/content";
import { TEST_ORIGIN, TestClient } from "../../helpers/http";
import { useHttpFlows } from "../../helpers/http-flows";
import { type SeededOrg, seedOrganisation } from "../../helpers/identity";

type Link = {
  code: string;
  url: string;
  destination: string;
  confirmation?: { via: string; postUrl?: string };
};
type ShareAnswer = {
  link: Link;
  action: { kind: string; url?: string; copyText?: string };
  created: boolean;
};
type FeedAnswer = {
  items: {
    contentId: string;
    shared: boolean;
    myLinks: { channel: string; confirmed: boolean }[];
  }[];
};

/** The member's side of issue 4 over HTTP: feed, a stable link per channel, confirming. */
describe("sharing over HTTP", () => {
  const flow = useHttpFlows();
  let org: SeededOrg;

  beforeAll(async () => {
    org = await seedOrganisation("Sharing");
    await Org.update(org.orgId, { ownDomains: ["news.example"] });
  });

  const publishedItem = (overrides: Record<string, unknown> = {}) =>
    publishContent(new TestClient(flow.app, org.owner.sessionToken), {
      url: "https://www.news.example/office?ref=home#top",
      topics: ["product"],
      suggestedTexts: [{ channel: "any", language: "en", text: "Proud of our new office! 🎉" }],
      ...overrides,
    });

  it("shows a published item in the member's feed and gives a stable tracked link and action for every channel", async () => {
    const contentId = await publishedItem();
    const member = new TestClient(flow.app, org.member.sessionToken);
    const feed = (await member.get("/api/feed")).body as FeedAnswer;
    expect(feed.items.map((item) => item.contentId)).toContain(contentId);

    const { channels } = (await member.get("/api/channels")).body as {
      channels: { id: string; kind: string; acceptsText: boolean }[];
    };
    expect(channels.length).toBeGreaterThanOrEqual(14);
    const codes = new Set<string>();
    for (const channel of channels) {
      const body = {
        channel: channel.id,
        ...(channel.id === "mastodon" ? { instance: "mastodon.social" } : {}),
      };
      const first = await member.post(`/api/content/${contentId}/share`, { json: body });
      expect(first.status, `${channel.id}: ${first.text}`).toBe(200);
      const again = await member.post(`/api/content/${contentId}/share`, { json: body });
      const [a, b] = [first.body as ShareAnswer, again.body as ShareAnswer];
      expect(b.link.code).toBe(a.link.code);
      expect(a.created).toBe(true);
      expect(b.created).toBe(false);
      expect(a.link.url).toBe(`${TEST_ORIGIN}/r/${a.link.code}`);
      codes.add(a.link.code);
      // Own domain: UTM merged, existing parameters and fragment kept, no member identity.
      const destination = new URL(a.link.destination);
      expect(destination.searchParams.get("utm_source")).toBe(channel.id);
      expect(destination.searchParams.get("utm_medium")).toBe("employee_advocacy");
      expect(destination.searchParams.get("ref")).toBe("home");
      expect(destination.hash).toBe("#top");
      expect(a.link.destination).not.toContain(org.member.memberId);
      // A network that takes no text in its share URL (LinkedIn): the hub copies the text first.
      if (channel.kind === "intent" && !channel.acceptsText) {
        expect(a.action.copyText).toContain("Proud of our new office");
      }
    }
    expect(codes.size).toBe(channels.length);
  });

  it("asks for the member's Mastodon server, and refuses unknown channels, drafts and other organisations' items", async () => {
    const contentId = await publishedItem();
    const member = new TestClient(flow.app, org.member.sessionToken);
    expect(
      (await member.post(`/api/content/${contentId}/share`, { json: { channel: "mastodon" } }))
        .status,
    ).toBe(400);
    expect(
      (await member.post(`/api/content/${contentId}/share`, { json: { channel: "myspace" } }))
        .status,
    ).toBe(400);

    const owner = new TestClient(flow.app, org.owner.sessionToken);
    const draft = await owner.post("/api/content", {
      json: {
        title: "Not yet",
        summary: "",
        url: "https://news.example/draft",
        language: "en",
        topics: [],
      },
    });
    const draftId = (draft.body as { contentId: string }).contentId;
    const refused = await member.post(`/api/content/${draftId}/share`, { json: { channel: "x" } });
    expect([404, 409]).toContain(refused.status);

    const other = await seedOrganisation("Elsewhere");
    const outsider = new TestClient(flow.app, other.member.sessionToken);
    expect(
      (await outsider.post(`/api/content/${contentId}/share`, { json: { channel: "x" } })).status,
    ).toBe(404);
  });

  it("confirms a share once, shows it in the feed, and makes the link for the item's campaign", async () => {
    const admin = new TestClient(flow.app, org.admin.sessionToken);
    const created = await admin.post("/api/admin/campaigns", {
      json: {
        name: "Office opening",
        startDay: "2026-01-01",
        endDay: "2027-12-31",
        goal: { kind: "confirmed_shares", target: 4 },
      },
    });
    expect(created.status, created.text).toBe(201);
    const { campaignId } = created.body as { campaignId: string };
    const contentId = await publishedItem({ campaignId });

    const member = new TestClient(flow.app, org.member.sessionToken);
    const { link } = (
      await member.post(`/api/content/${contentId}/share`, { json: { channel: "linkedin" } })
    ).body as ShareAnswer;
    const confirmed = await member.post(`/api/shares/${link.code}/confirm`, {
      json: { postUrl: "https://www.linkedin.com/feed/update/urn:li:activity:1" },
    });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect((confirmed.body as Link).confirmation).toMatchObject({ via: "member" });
    expect((await member.post(`/api/shares/${link.code}/confirm`, { json: {} })).status).toBe(200);

    const feed = (await member.get("/api/feed")).body as FeedAnswer;
    const item = feed.items.find((candidate) => candidate.contentId === contentId);
    expect(item?.shared).toBe(true);
    expect(item?.myLinks).toEqual([
      expect.objectContaining({ channel: "linkedin", confirmed: true }),
    ]);

    // The link counts toward the campaign its URL names (the tally's rows: see
    // campaign-source.test.ts); the campaign lists the item among its own.
    expect((confirmed.body as Link & { campaignId?: string }).campaignId).toBe(campaignId);
    const campaign = (await admin.get(`/api/admin/campaigns/${campaignId}`)).body as {
      items: string[];
    };
    expect(campaign.items).toEqual([contentId]);

    // Another member cannot confirm my link.
    const colleague = new TestClient(flow.app, org.curator.sessionToken);
    expect((await colleague.post(`/api/shares/${link.code}/confirm`, { json: {} })).status).toBe(
      404,
    );
  });

  it("puts the topics I follow first in my feed", async () => {
    const product = await publishedItem({ topics: ["product"], title: "Product news" });
    const hiring = await publishedItem({ topics: ["hiring"], title: "We are hiring" });
    const member = new TestClient(flow.app, org.member.sessionToken);
    const followed = await member.patch("/api/me", { json: { followedTopics: ["product"] } });
    expect(followed.status, followed.text).toBe(200);
    let ids = ((await member.get("/api/feed?limit=50")).body as FeedAnswer).items.map(
      (i) => i.contentId,
    );
    expect(ids.indexOf(product)).toBeLessThan(ids.indexOf(hiring));

    await member.patch("/api/me", { json: { followedTopics: ["hiring"] } });
    ids = ((await member.get("/api/feed?limit=50")).body as FeedAnswer).items.map(
      (i) => i.contentId,
    );
    expect(ids.indexOf(hiring)).toBeLessThan(ids.indexOf(product));
  });
});
