import { Member } from "@sprida/core/member";
import { Runtime } from "@sprida/core/runtime";
import { Tally } from "@sprida/core/tally";
import { TestLink } from "../../../../packages/core/src/tally/test-support";
import type { AreaInputs } from "./types";

/**
 * Inputs for points, the leaderboard and admin stats (issue 5). Each organisation's member
 * is named and has counts today, so a leak across organisations would show a name or count.
 */
export const PointsRouteInputs: AreaInputs = {
  async prepare(org) {
    await Member.updateProfile(org.orgId, org.member.memberId, {
      privacy: { namedToAdmins: true, weeklyDigest: true },
    });
    const day = Runtime.use().now().toISOString().slice(0, 10);
    const link = new TestLink(org.orgId, org.member.memberId, `content-of-${org.orgId}`, "x", {
      segment: { office: "Stockholm" },
      networkSize: 10,
    });
    await Tally.applyBatch([link.confirmed(day), link.click(day, "human")]);
    return {};
  },
  routes: {
    "GET /api/me/points": () => ({}),
    "GET /api/me/links": () => ({}),
    "GET /api/leaderboard": () => ({ query: { period: "all" } }),
    "GET /api/admin/stats/:dimension": () => ({
      params: { dimension: "content" },
      query: { format: "csv" },
    }),
  },
};
