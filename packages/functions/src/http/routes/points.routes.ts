import { Points } from "@sprida/core/points";
import { Tally } from "@sprida/core/tally";
import { z } from "zod";
import { defineRoute } from "../route";
import { signedIn } from "./auth.routes";

const ByPeriod = <T extends z.ZodType>(value: T) =>
  z.object({ week: value, month: value, all: value });

const StandingView = z.object({
  points: ByPeriod(z.number()),
  totals: Tally.ReportedCounts,
  badges: z.array(z.object({ id: z.string(), name: z.string(), awardedAt: z.string() })),
  streak: z.object({ weeks: z.number(), paused: z.boolean() }),
  rank: ByPeriod(z.number().nullable()),
});

const MyLinkView = z.object({
  code: z.string(),
  url: z.string(),
  contentId: z.string(),
  title: z.string().nullable(),
  channel: z.string(),
  createdAt: z.string(),
  confirmed: z.boolean(),
  confirmedAt: z.string().optional(),
  counts: z.object({
    rawClicks: z.number(),
    botClicks: z.number(),
    selfClicks: z.number(),
    internalClicks: z.number(),
    humanClicks: z.number(),
    uniqueClicks: z.number(),
    clickPoints: z.number(),
  }),
});

const LeaderboardView = z.object({
  period: Points.PointsPeriod,
  entries: z.array(
    z.object({
      rank: z.number(),
      displayName: z.string(),
      points: z.number(),
      uniqueClicks: z.number(),
      sharesConfirmed: z.number(),
      you: z.boolean(),
    }),
  ),
  others: z.object({ count: z.number(), points: z.number() }),
  me: z.object({
    rank: z.number().nullable(),
    points: z.number(),
    uniqueClicks: z.number(),
    sharesConfirmed: z.number(),
    named: z.boolean(),
  }),
});

/** Points, badges, streaks, my links' counts, and the leaderboard (issue 5). */
export const PointsRoutes = [
  defineRoute({
    method: "get",
    path: "/api/me/points",
    summary:
      "My points this week, this month and all time, my counts, badges, streak and rank (shown to me alone)",
    tag: "Points",
    access: "member",
    response: StandingView,
    handler: async ({ caller }) => Points.standing(signedIn(caller)),
  }),
  defineRoute({
    method: "get",
    path: "/api/me/links",
    summary: "My tracked links, newest first, with every class of click counted on each",
    tag: "Points",
    access: "member",
    response: z.object({ links: z.array(MyLinkView) }),
    handler: async ({ caller }) => ({ links: await Points.myLinks(signedIn(caller)) }),
  }),
  defineRoute({
    method: "get",
    path: "/api/leaderboard",
    summary:
      "The leaderboard of this week, month or all time: only members who chose to be named; everyone else as one sum",
    tag: "Points",
    access: "member",
    query: z.strictObject({ period: Points.PointsPeriod.default("week") }),
    response: LeaderboardView,
    handler: async ({ caller, query }) => Points.leaderboard(signedIn(caller), query),
  }),
];
