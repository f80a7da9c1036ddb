import { Campaign } from "@sprida/core/campaign";
import { Content } from "@sprida/core/content";
import { Share } from "@sprida/core/share";
import { refOf } from "./content";
import type { AreaInputs, Fixtures } from "./types";

function fixture(fixtures: Fixtures, name: "shareContentId" | "shareCode" | "campaignId"): string {
  const id = fixtures[name];
  if (!id) throw new Error(`No ${name}: SharingRouteInputs.prepare did not run for this org`);
  return id;
}

const campaign = (name: string) => ({
  name,
  startDay: "2026-11-01",
  endDay: "2026-12-31",
  goal: { kind: "confirmed_shares" as const, target: 10 },
});

/** Inputs for the feed, sharing and campaign routes (issue 4), aimed at the target's own data. */
export const SharingRouteInputs: AreaInputs = {
  async prepare(org) {
    const owner = refOf(org);
    const item = await Content.create(owner, {
      title: "Shared in the route-table test",
      summary: "Prepared for sharing",
      url: "https://news.example/sharing",
      language: "en",
      topics: ["product"],
    });
    await Content.publish(owner, item.contentId);
    const { link } = await Share.linkFor(refOf(org, "member"), {
      contentId: item.contentId,
      channel: "linkedin",
    });
    const created = await Campaign.create(owner, campaign("Route-table campaign"));
    return { shareContentId: item.contentId, shareCode: link.code, campaignId: created.campaignId };
  },
  routes: {
    "GET /api/channels": () => ({}),
    "GET /api/feed": () => ({}),
    "GET /api/topics": () => ({}),
    "GET /api/campaigns": () => ({}),
    "POST /api/content/:contentId/share": (_, f) => ({
      params: { contentId: fixture(f, "shareContentId") },
      body: { channel: "linkedin" },
    }),
    "POST /api/shares/:code/confirm": (_, f) => ({
      params: { code: fixture(f, "shareCode") },
      body: {},
    }),
    "GET /api/admin/campaigns": () => ({}),
    "GET /api/admin/campaigns/:campaignId": (_, f) => ({
      params: { campaignId: fixture(f, "campaignId") },
    }),
    "POST /api/admin/campaigns": () => ({ body: campaign("Created by the test") }),
    "PATCH /api/admin/campaigns/:campaignId": (_, f) => ({
      params: { campaignId: fixture(f, "campaignId") },
      body: { name: "Renamed by the test" },
    }),
  },
  async snapshot(org) {
    const [campaigns, links] = await Promise.all([
      Campaign.list(refOf(org)),
      Share.linksOfMember(org.orgId, org.member.memberId),
    ]);
    return { campaigns, links };
  },
};
