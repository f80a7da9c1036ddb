import { addDays, eachDay } from "../day";
import type { MembershipRef } from "../member";
import { Member } from "../member";
import { BADGES, type Counts, emptyCounts, pointsOf, Tally } from "../tally";
import { activeMembers, countsOfPeriod, rankMembers } from "./board";
import { localToday } from "./calendar";
import type { PointsPeriod, Standing } from "./points.schema";
import { streak } from "./streak";

const PERIODS: PointsPeriod[] = ["week", "month", "all"];

/** Days in the sparkline of my clicks. */
export const DAILY_DAYS = 30;

export async function standing(ref: Pick<MembershipRef, "orgId" | "memberId">): Promise<Standing> {
  const { orgId, memberId } = ref;
  const [member, today] = await Promise.all([Member.get(orgId, memberId), localToday(orgId)]);
  const [days, active, awards, streakNow, ...periods] = await Promise.all([
    Tally.keyDays(
      orgId,
      "member",
      memberId,
      eachDay(addDays(today.day, 1 - DAILY_DAYS), today.day),
    ),
    activeMembers(orgId),
    Tally.awardsOf(orgId, memberId, "badge"),
    streak(orgId, memberId, today, member.holiday),
    ...PERIODS.map((period) => countsOfPeriod(orgId, period, today)),
  ]);
  const activeIds = new Set(active.map((m) => m.memberId));
  const points = {} as Record<PointsPeriod, number>;
  const rank = {} as Record<PointsPeriod, number | null>;
  PERIODS.forEach((period, index) => {
    const counts = periods[index] as Map<string, Counts>;
    points[period] = pointsOf(counts.get(memberId) ?? emptyCounts());
    rank[period] =
      rankMembers(counts, activeIds).find((entry) => entry.memberId === memberId)?.rank ?? null;
  });
  const names = new Map(BADGES.map((badge) => [badge.id as string, badge.name]));
  const totals = (periods[2] as Map<string, Counts>).get(memberId) ?? emptyCounts();
  const earned = new Set(awards.map((award) => award.key));
  const nextBadges = (["sharesConfirmed", "uniqueClicks"] as const).flatMap((metric) => {
    const next = BADGES.find((badge) => badge.metric === metric && !earned.has(badge.id));
    return next
      ? [
          {
            id: next.id,
            name: next.name[member.locale],
            metric,
            threshold: next.threshold,
            current: totals[metric],
          },
        ]
      : [];
  });
  return {
    points,
    totals,
    badges: awards.flatMap((award) => {
      const name = names.get(award.key);
      return name ? [{ id: award.key, name: name[member.locale], awardedAt: award.awardedAt }] : [];
    }),
    streak: streakNow,
    rank,
    nextBadges,
    daily: days.map(({ day, counts }) => ({ day, uniqueClicks: counts.uniqueClicks })),
  };
}
