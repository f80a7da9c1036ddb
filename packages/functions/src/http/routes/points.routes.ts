import { Points } from "@sprida/core/points";
import { Share } from "@sprida/core/share";
import { Tally } from "@sprida/core/tally";
import { z } from "zod";
import { session } from "../callers";
import { defineRoute } from "../route";

const ByPeriod = <T extends z.ZodType>(value: T) =>
  z.object({ week: value, month: value, all: value });

const StandingView = z.object({
  points: ByPeriod(z.number()),
  totals: Tally.ReportedCounts,
  badges: z.array(z.object({ id: z.string(), name: z.string(), awardedAt: z.string() })),
  streak: z.object({ weeks: z.number(), paused: z.boolean() }),
  rank: ByPeriod(z.number().nullable()),
});

/** One of my links, with every class of click counted on it. */
const MyLinkView = Share.ShareLink.pick({
  code: true,
  url: true,
  contentId: true,
  createdAt: true,
}).extend({
  /** As the link was stored: the points domain reads it as a plain string. */
  channel: z.string(),
  title: z.string().nullable(),
  confirmed: z.boolean(),
  confirmedAt: z.string().optional(),
  counts: Tally.Counts.pick({
    rawClicks: true,
    botClicks: true,
    selfClicks: true,
    internalClicks: true,
    humanClicks: true,
    uniqueClicks: true,
    clickPoints: true,
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
    access: session("member"),
    response: StandingView,
    handler: async ({ caller }) => Points.standing(caller),
  }),
  defineRoute({
    method: "get",
    path: "/api/me/links",
    summary: "My tracked links, newest first, with every class of click counted on each",
    tag: "Points",
    access: session("member"),
    response: z.object({ links: z.array(MyLinkView) }),
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
    response: LeaderboardView,
    handler: async ({ caller, query }) => Points.leaderboard(caller, query),
  }),
];
