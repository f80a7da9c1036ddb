import { z } from "zod";
import { parseInput } from "../error";
import type { Member, MembershipRef } from "../member";
import { emptyCounts, pointsOf } from "../tally";
import { activeMembers, countsOfPeriod, rankMembers } from "./board";
import { localToday } from "./calendar";
import { type Leaderboard, type LeaderboardEntry, PointsPeriod } from "./points.schema";

export const LeaderboardQuery = z.strictObject({ period: PointsPeriod.default("week") });
export type LeaderboardQuery = z.input<typeof LeaderboardQuery>;

/**
 * The name a named member goes by: their display name, else the first part of their
 * address ("anna.berg@…" → "Anna"). They chose to be named, so a name is shown rather than
 * an anonymous label; the full address never is.
 */
export function publicName(member: Pick<Member.Info, "displayName" | "email">): string {
  if (member.displayName) return member.displayName;
  const first = member.email.split("@")[0]?.split(".")[0] ?? "";
  return first.charAt(0).toLocaleUpperCase() + first.slice(1);
}

/** A period's board: ranked by points, ties share a rank and are listed by name. */
export async function leaderboard(
  ref: Pick<MembershipRef, "orgId" | "memberId">,
  query: LeaderboardQuery = {},
): Promise<Leaderboard> {
  const { period } = parseInput(LeaderboardQuery, query, "invalid_period");
  const today = await localToday(ref.orgId);
  const [active, counts] = await Promise.all([
    activeMembers(ref.orgId),
    countsOfPeriod(ref.orgId, period, today),
  ]);
  const byId = new Map(active.map((member) => [member.memberId, member]));
  const ranked = rankMembers(counts, new Set(byId.keys()));

  const entries: LeaderboardEntry[] = [];
  const others = { count: 0, points: 0 };
  for (const entry of ranked) {
    const member = byId.get(entry.memberId);
    if (!member?.privacy.namedToAdmins) {
      others.count++;
      others.points += entry.points;
      continue;
    }
    entries.push({
      rank: entry.rank,
      displayName: publicName(member),
      points: entry.points,
      uniqueClicks: entry.counts.uniqueClicks,
      sharesConfirmed: entry.counts.sharesConfirmed,
      you: entry.memberId === ref.memberId,
    });
  }
  entries.sort((a, b) => a.rank - b.rank || a.displayName.localeCompare(b.displayName));

  const mine = counts.get(ref.memberId) ?? emptyCounts();
  return {
    period,
    entries,
    others,
    me: {
      rank: ranked.find((entry) => entry.memberId === ref.memberId)?.rank ?? null,
      points: pointsOf(mine),
      uniqueClicks: mine.uniqueClicks,
      sharesConfirmed: mine.sharesConfirmed,
      named: byId.get(ref.memberId)?.privacy.namedToAdmins ?? false,
    },
  };
}
