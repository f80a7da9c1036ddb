import { z } from "zod";
import { type Info as Content, contentService, fromItem, isLive, Topic } from "../content";
import { Errors, parseInput } from "../error";
import type { MembershipRef } from "../member";
import { loadActor } from "../member";
import { Org } from "../org";
import { Runtime } from "../runtime";
import type { ChannelId } from "../schema";
import { linksOfMember, trackedUrl } from "../share";
import { Tally } from "../tally";

/**
 * The largest offset a cursor may carry. The feed orders an organisation's whole published
 * library in memory on each page (one query of its gsi1 partition): fine for a library of
 * a few thousand live items, which is what an organisation curates; beyond that the feed
 * needs a precomputed order.
 */
export const MAX_FEED_OFFSET = 5_000;

export const FeedQuery = z.strictObject({
  topic: Topic.optional(),
  campaignId: z.string().min(1).max(64).optional(),
  /**
   * The topics the member follows. Members have no stored followed topics yet, so the
   * caller passes them (the hub keeps them); they order the feed, they do not filter it.
   */
  followedTopics: z.array(Topic).max(50).default([]),
  limit: z.number().int().min(1).max(50).default(20),
  cursor: z.string().min(1).max(200).nullish(),
});
export type FeedQuery = z.input<typeof FeedQuery>;

export interface MyLink {
  channel: ChannelId;
  code: string;
  url: string;
  confirmed: boolean;
  confirmedAt?: string;
  /** Unique human clicks on the link, all time (what earns points). */
  clicks: number;
}

export interface FeedItem {
  contentId: string;
  kind: Content["kind"];
  title: string;
  summary: string;
  url: string;
  imageUrl?: string;
  topics: string[];
  campaignId?: string;
  language: Content["language"];
  featured: boolean;
  publishedAt?: string;
  expiresAt?: string;
  suggestedTexts: Content["suggestedTexts"];
  /** "What I have shared": the member's own links for this item, one per channel. */
  myLinks: MyLink[];
  /** At least one of the member's links for this item is confirmed. */
  shared: boolean;
}

const Cursor = z.object({ v: z.literal(1), o: z.number().int().min(1).max(MAX_FEED_OFFSET) });

const encodeCursor = (offset: number) =>
  Buffer.from(JSON.stringify({ v: 1, o: offset })).toString("base64url");

function decodeCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  try {
    return Cursor.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))).o;
  } catch {
    throw Errors.invalid("invalid_cursor", "The page cursor is not valid.");
  }
}

/**
 * Featured first, then items on a topic the member follows, then items in the member's
 * language, then newest published first (content id breaks ties, so pages are stable).
 */
export function feedOrder(followedTopics: readonly string[], language: string) {
  const followed = new Set(followedTopics);
  const rank = (item: Content) => [
    item.featured ? 0 : 1,
    item.topics.some((topic) => followed.has(topic)) ? 0 : 1,
    item.language === language ? 0 : 1,
  ];
  return (a: Content, b: Content): number => {
    const [ra, rb] = [rank(a), rank(b)];
    for (let index = 0; index < ra.length; index++) {
      const difference = (ra[index] ?? 0) - (rb[index] ?? 0);
      if (difference !== 0) return difference;
    }
    const newer = (b.publishedAt ?? "").localeCompare(a.publishedAt ?? "");
    return newer !== 0 ? newer : a.contentId.localeCompare(b.contentId);
  };
}

/** The published items of an organisation (gsi1, eventually consistent). */
export async function publishedItems(orgId: string): Promise<Content[]> {
  const { data } = await contentService()
    .content.query.feed({ feedOrgId: orgId })
    .go({ pages: "all" });
  return data.map((item) => fromItem(item).content);
}

/**
 * A member's feed: the live items of their organisation, filtered by topic or campaign,
 * in feed order, each with the member's own links. The cursor is opaque (an offset into
 * the ordered set, at most MAX_FEED_OFFSET); an item published between two pages can
 * shift a page by one.
 */
export async function list(
  actorRef: MembershipRef,
  query: FeedQuery = {},
): Promise<{ items: FeedItem[]; cursor: string | null }> {
  const actor = await loadActor(actorRef);
  const { topic, campaignId, followedTopics, limit, cursor } = parseInput(FeedQuery, query);
  const offset = decodeCursor(cursor);
  const now = Runtime.use().now();
  const [org, items, links] = await Promise.all([
    Org.get(actor.orgId),
    publishedItems(actor.orgId),
    linksOfMember(actor.orgId, actor.memberId),
  ]);
  const ordered = items
    .filter((item) => item.orgId === actor.orgId && isLive(item, now))
    .filter((item) => topic === undefined || item.topics.includes(topic))
    .filter((item) => campaignId === undefined || item.campaignId === campaignId)
    .sort(feedOrder(followedTopics, actor.locale));
  const page = ordered.slice(offset, offset + limit);
  const next = offset + page.length;
  const onPage = new Set(page.map((item) => item.contentId));
  const clicks = await Tally.linkTotals(
    actor.orgId,
    links.filter((link) => onPage.has(link.contentId)).map((link) => link.code),
  );

  const linksByContent = new Map<string, MyLink[]>();
  for (const link of links) {
    const mine = linksByContent.get(link.contentId) ?? [];
    mine.push({
      channel: link.channel,
      code: link.code,
      url: trackedUrl(org, link.code),
      confirmed: link.confirmedAt !== undefined,
      ...(link.confirmedAt ? { confirmedAt: link.confirmedAt } : {}),
      clicks: clicks.get(link.code)?.uniqueClicks ?? 0,
    });
    linksByContent.set(link.contentId, mine);
  }

  return {
    items: page.map((item) => {
      const myLinks = linksByContent.get(item.contentId) ?? [];
      return {
        contentId: item.contentId,
        kind: item.kind,
        title: item.title,
        summary: item.summary,
        url: item.url,
        ...(item.imageUrl ? { imageUrl: item.imageUrl } : {}),
        topics: item.topics,
        ...(item.campaignId ? { campaignId: item.campaignId } : {}),
        language: item.language,
        featured: item.featured,
        ...(item.publishedAt ? { publishedAt: item.publishedAt } : {}),
        ...(item.expiresAt ? { expiresAt: item.expiresAt } : {}),
        suggestedTexts: item.suggestedTexts,
        myLinks,
        shared: myLinks.some((link) => link.confirmed),
      };
    }),
    cursor: next < ordered.length && next <= MAX_FEED_OFFSET ? encodeCursor(next) : null,
  };
}
