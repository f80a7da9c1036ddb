import { Member } from "../member";
import { type Counts, pointsOf, Tally } from "../tally";
import type { LocalToday } from "./calendar";
import type { PointsPeriod } from "./points.schema";

export interface Ranked {
  memberId: string;
  counts: Counts;
  points: number;
  /** 1 + the number of members with more points: ties share a rank. */
  rank: number;
}

/**
 * Each member's counts in a period. Weeks and all time are stored per member; a month is
 * the sum of the member's daily rows from the first of the month to today.
 */
export async function countsOfPeriod(
  orgId: string,
  period: PointsPeriod,
  today: LocalToday,
): Promise<Map<string, Counts>> {
  if (period !== "month") {
    const rows = await Tally.memberTotalsOfPeriod(
      orgId,
      period === "week" ? today.weekPeriod : "all",
    );
    return new Map(rows.map((row) => [row.memberId, row.counts]));
  }
  return Tally.sumByKey(await Tally.countersBetween(orgId, "member", today.monthStart, today.day));
}

/**
 * The ranking of a period: active members with points, most points first. Members who left
 * or were deactivated are not ranked at all (neither named nor counted), so a rank means
 * the same on the leaderboard and on the member's own page.
 */
export function rankMembers(counts: Map<string, Counts>, active: Set<string>): Ranked[] {
  const ranked = [...counts]
    .filter(([memberId, c]) => active.has(memberId) && pointsOf(c) > 0)
    .map(([memberId, c]) => ({ memberId, counts: c, points: pointsOf(c), rank: 0 }))
    .sort((a, b) => b.points - a.points);
  ranked.forEach((entry, index) => {
    const previous = ranked[index - 1];
    entry.rank = previous && previous.points === entry.points ? previous.rank : index + 1;
  });
  return ranked;
}

/** The organisation's active members (every page of the listing). */
export async function activeMembers(orgId: string): Promise<Member.Info[]> {
  const members: Member.Info[] = [];
  let cursor: string | null = null;
  do {
    const page: { members: Member.Info[]; cursor: string | null } = await Member.list(orgId, {
      status: "active",
      limit: 100,
      cursor,
    });
    members.push(...page.members);
    cursor = page.cursor;
  } while (cursor);
  return members;
}
