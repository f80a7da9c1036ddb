import { Content } from "@sprida/core/content";
import type { MembershipRef } from "@sprida/core/member";
import type { SeededOrg } from "../../../helpers/identity";
import type { AreaInputs, Fixtures } from "./types";

/** A seeded member as the domain's actor. */
export function refOf(org: SeededOrg, who: "owner" | "member" = "owner"): MembershipRef {
  const member = org[who];
  return {
    orgId: org.orgId,
    memberId: member.memberId,
    personId: member.personId,
    role: member.role,
    status: "active",
  };
}

/** A fixture id `prepare` made; missing means the area was not prepared. */
function fixture(fixtures: Fixtures, name: "contentDraftId" | "contentPublishedId"): string {
  const id = fixtures[name];
  if (!id) throw new Error(`No ${name}: ContentRouteInputs.prepare did not run for this org`);
  return id;
}

const item = (title: string) => ({
  title,
  summary: "Prepared for the route-table test",
  url: "https://news.example/route-table",
  language: "en" as const,
  topics: ["product"],
});

/** Inputs for the content library routes (issue 4), aimed at the target's own items. */
export const ContentRouteInputs: AreaInputs = {
  async prepare(org) {
    const owner = refOf(org);
    const draft = await Content.create(owner, item("A draft of the route-table test"));
    const published = await Content.create(owner, item("A published item of the test"));
    await Content.publish(owner, published.contentId);
    return { contentDraftId: draft.contentId, contentPublishedId: published.contentId };
  },
  routes: {
    // A loopback address: refused (400) before any connection, so the test never goes online.
    "POST /api/content/preview": () => ({ body: { url: "http://127.0.0.1:9/route-table" } }),
    "GET /api/content": () => ({ query: { status: "draft", limit: "10" } }),
    "GET /api/content/:contentId": (_, f) => ({
      params: { contentId: fixture(f, "contentDraftId") },
    }),
    "POST /api/content": () => ({ body: item("Created by the route-table test") }),
    "PATCH /api/content/:contentId": (_, f) => ({
      params: { contentId: fixture(f, "contentDraftId") },
      body: { title: "Changed by the route-table test" },
    }),
    "POST /api/content/:contentId/publish": (_, f) => ({
      params: { contentId: fixture(f, "contentDraftId") },
    }),
    "POST /api/content/:contentId/archive": (_, f) => ({
      params: { contentId: fixture(f, "contentPublishedId") },
    }),
    "POST /api/content/:contentId/approve": (_, f) => ({
      params: { contentId: fixture(f, "contentDraftId") },
    }),
    "POST /api/content/suggestions": () => ({
      body: { url: "https://news.example/suggested", title: "Suggested by the route-table test" },
    }),
  },
  snapshot: async (org) => (await Content.list(org.orgId, { limit: 100 })).items,
};
