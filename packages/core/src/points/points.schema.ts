import { z } from "zod";
import { ShareLink } from "../share";
import { ClickCounts, ReportedCounts } from "../tally";

export const PointsPeriod = z.enum(["week", "month", "all"]);
export type PointsPeriod = z.infer<typeof PointsPeriod>;

const byPeriod = <T extends z.ZodType>(value: T) =>
  z.object({ week: value, month: value, all: value });

export const Badge = z.object({
  id: z.string(),
  /** In the member's language. */
  name: z.string(),
  awardedAt: z.string(),
});
export type Badge = z.infer<typeof Badge>;

export const Streak = z.object({
  /** Consecutive ISO weeks with at least one confirmed share, up to this one. */
  weeks: z.number(),
  /** This week overlaps the member's holiday: the streak waits for them. */
  paused: z.boolean(),
});
export type Streak = z.infer<typeof Streak>;

/** A member's own page: shown to them alone, so it may rank them even if they are not named. */
export const Standing = z.object({
  points: byPeriod(z.number()),
  /** All-time counts of every reported metric. */
  totals: ReportedCounts,
  badges: z.array(Badge),
  streak: Streak,
  /** Among active members with points; null while the member has none in the period. */
  rank: byPeriod(z.number().nullable()),
  /** The next badge of each kind not yet earned, with how far the member has come. */
  nextBadges: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      metric: z.enum(["sharesConfirmed", "uniqueClicks"]),
      threshold: z.number(),
      current: z.number(),
    }),
  ),
  /** Unique human clicks on my links per local day, the last 30 days, oldest first. */
  daily: z.array(z.object({ day: z.string(), uniqueClicks: z.number() })),
});
export type Standing = z.infer<typeof Standing>;

export const LeaderboardEntry = z.object({
  rank: z.number(),
  displayName: z.string(),
  points: z.number(),
  uniqueClicks: z.number(),
  sharesConfirmed: z.number(),
  /** This entry is the caller. */
  you: z.boolean(),
});
export type LeaderboardEntry = z.infer<typeof LeaderboardEntry>;

export const Leaderboard = z.object({
  period: PointsPeriod,
  /** Only members who chose to be named. */
  entries: z.array(LeaderboardEntry),
  /** Everyone else with points, as one sum: "and N more". Never who they are. */
  others: z.object({ count: z.number(), points: z.number() }),
  /** The caller's own place, named or not: shown to them alone. */
  me: LeaderboardEntry.omit({ rank: true, displayName: true, you: true }).extend({
    rank: z.number().nullable(),
    named: z.boolean(),
  }),
});
export type Leaderboard = z.infer<typeof Leaderboard>;

/** One of my links, with every class of click counted on it. */
export const MyLink = ShareLink.pick({
  code: true,
  url: true,
  contentId: true,
  createdAt: true,
}).extend({
  /** As the link was stored: the points domain reads it as a plain string. */
  channel: z.string(),
  /** The content's title; null if the item has since been deleted. */
  title: z.string().nullable(),
  confirmed: z.boolean(),
  confirmedAt: z.string().optional(),
  counts: ClickCounts,
});
export type MyLink = z.infer<typeof MyLink>;
