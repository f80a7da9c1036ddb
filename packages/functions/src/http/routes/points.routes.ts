import { Points } from "@sprida/core/points";
import { z } from "zod";
import { session } from "../callers";
import { defineRoute } from "../route";

/** Points, badges, streaks, my links' counts, and the leaderboard (issue 5). */
export const PointsRoutes = [
  defineRoute({
    method: "get",
    path: "/api/me/points",
    summary:
      "My points this week, this month and all time, my counts, badges, streak and rank (shown to me alone)",
    tag: "Points",
    access: session("member"),
    response: Points.Standing,
    handler: async ({ caller }) => Points.standing(caller),
  }),
  defineRoute({
    method: "get",
    path: "/api/me/links",
    summary: "My tracked links, newest first, with every class of click counted on each",
    tag: "Points",
    access: session("member"),
    response: z.object({ links: z.array(Points.MyLink) }),
    handler: async ({ caller }) => ({ links: await Points.myLinks(caller) }),
  }),
  defineRoute({
    method: "get",
    path: "/api/leaderboard",
    summary:
      "The leaderboard of this week, month or all time: only members who chose to be named; everyone else as one sum",
    tag: "Points",
    access: session("member"),
    query: z.strictObject({ period: Points.PointsPeriod.default("week") }),
    response: Points.Leaderboard,
    handler: async ({ caller, query }) => Points.leaderboard(caller, query),
  }),
];
