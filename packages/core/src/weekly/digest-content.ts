import { Content } from "../content";
import { localDay } from "../day";
import type { DigestContent, DigestItem, MailFooterLinks } from "../mail";
import type { Member } from "../member";
import { Points } from "../points";
import { Report } from "../report";
import { Runtime } from "../runtime";
import { BADGES, Tally } from "../tally";
import { spanOf, weekBefore } from "./week";

const MAX_ITEMS = 8;
/** Featured items stay in the digest while featured, whenever they were published. */
const MAX_FEATURED = 3;

/** What every member's digest of one organisation and span is made from: read once. */
export interface DigestSource {
  orgId: string;
  orgName: string;
  from: string;
  to: string;
  /** Whether an instant falls on one of the span's local days. */
  covers(instant: string | undefined): boolean;
  /** Live items, newest first. */
  live: Content.Info[];
  /** Each member's counts over the span, from the report summary. */
  countsOf(memberId: string): Report.Counts;
  /** Ranks by points over the span among active members (ties share a rank). */
  rankOf(memberId: string): number | undefined;
}

/** The digest's days: the `everyWeeks` weeks ending with `week`. */
export function digestSpan(week: string, everyWeeks: number): { from: string; to: string } {
  return { from: spanOf(weekBefore(week, everyWeeks - 1)).from, to: spanOf(week).to };
}

export async function digestSource(
  org: { orgId: string; name: string; timeZone: string },
  week: string,
  everyWeeks: number,
): Promise<DigestSource> {
  const { from, to } = digestSpan(week, everyWeeks);
  const now = Runtime.use().now();
  const [live, range, active] = await Promise.all([
    liveContent(org.orgId, now),
    Report.summaryOfRange(org.orgId, from, to),
    Points.activeMembers(org.orgId),
  ]);
  const { summary } = range;
  const countsOf = (memberId: string) =>
    Report.countsOf(summary, summary.byKey.member[memberId] ?? []);
  const counts = new Map(
    Object.keys(summary.byKey.member).map((memberId) => [
      memberId,
      Tally.countsOf(countsOf(memberId)),
    ]),
  );
  const ranks = new Map(
    Points.rankMembers(counts, new Set(active.map((member) => member.memberId))).map((entry) => [
      entry.memberId,
      entry.rank,
    ]),
  );
  return {
    orgId: org.orgId,
    orgName: org.name,
    from,
    to,
    covers: (instant) => {
      if (!instant) return false;
      const day = localDay(org.timeZone, new Date(instant));
      return day >= from && day <= to;
    },
    live,
    countsOf,
    rankOf: (memberId) => ranks.get(memberId),
  };
}

async function liveContent(orgId: string, now: Date): Promise<Content.Info[]> {
  const items: Content.Info[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Content.Info[]; cursor: string | null } = await Content.list(orgId, {
      status: "published",
      limit: 100,
      cursor,
    });
    items.push(...page.items.filter((item) => Content.isLive(item, now)));
    cursor = page.cursor;
  } while (cursor);
  return items.sort((a, b) => (b.publishedAt ?? "").localeCompare(a.publishedAt ?? ""));
}

/**
 * One member's digest, or undefined when it has nothing new to show: the organisation's
 * featured items first (any topic, while featured), then the items published in the span in
 * the topics the member follows (all topics when none), and, unless the member chose content
 * only, their own points, clicks, shares and badges of the span, with their rank only if they
 * chose to be named. Nothing is new when no item was published and the member's week moved
 * nothing.
 */
export async function digestContent(
  source: DigestSource,
  member: Member.Info,
  frame: { hub: string; shareLink: (contentId: string) => string; links: MailFooterLinks },
  options: { evenIfEmpty?: boolean } = {},
): Promise<DigestContent | undefined> {
  const follows = new Set(member.followedTopics);
  const isNew = (item: Content.Info) =>
    source.covers(item.publishedAt) &&
    (follows.size === 0 || item.topics.some((topic) => follows.has(topic)));
  const fresh = source.live.filter(isNew);
  const featured = source.live.filter((item) => item.featured && !isNew(item));
  const items: DigestItem[] = [
    ...fresh.filter((item) => item.featured),
    ...featured.slice(0, MAX_FEATURED),
  ]
    .concat(fresh.filter((item) => !item.featured))
    .slice(0, MAX_ITEMS)
    .map((item) => ({
      title: item.title,
      ...(item.summary && { summary: item.summary }),
      ...(item.imageUrl && URL.canParse(item.imageUrl) && { imageUrl: item.imageUrl }),
      featured: item.featured,
      share: frame.shareLink(item.contentId),
    }));
  const impact = member.mail.digestWithImpact ? await impactOf(source, member) : undefined;
  const moved =
    impact && (impact.points > 0 || impact.uniqueClicks > 0 || impact.badges.length > 0);
  // Featured items alone are not news: they were in last week's digest too.
  if (fresh.length === 0 && !moved && !options.evenIfEmpty) return undefined;
  return {
    locale: member.locale,
    orgName: source.orgName,
    ...(member.displayName && { displayName: member.displayName }),
    from: source.from,
    to: source.to,
    items,
    ...(impact && { impact }),
    hub: frame.hub,
    links: frame.links,
  };
}

async function impactOf(source: DigestSource, member: Member.Info) {
  const counts = source.countsOf(member.memberId);
  const awards = await Tally.awardsOf(source.orgId, member.memberId, "badge");
  const names = new Map(BADGES.map((badge) => [badge.id as string, badge.name]));
  const badges = awards
    .filter((award) => source.covers(award.awardedAt))
    .flatMap((award) => names.get(award.key)?.[member.locale] ?? []);
  const rank = member.privacy.namedToAdmins ? source.rankOf(member.memberId) : undefined;
  return {
    points: (counts.sharePoints ?? 0) + (counts.clickPoints ?? 0),
    uniqueClicks: counts.uniqueClicks ?? 0,
    confirmedShares: counts.sharesConfirmed ?? 0,
    badges,
    ...(rank !== undefined && { rank }),
  };
}
