import { createHash, randomUUID } from "node:crypto";
import { auditWrite } from "../audit";
import {
  assertMayCurate,
  type Info as Content,
  ContentInput,
  isAdmin,
  publishedEvent,
  toItem,
} from "../content";
import { DomainError, Errors, isConditionalCheckFailure, parseInput } from "../error";
import { Log } from "../log";
import type { Member } from "../member";
import { loadActor, type MembershipRef, SYSTEM_ACTOR } from "../member";
import { Org, type Info as Organisation } from "../org";
import { Outbox } from "../outbox";
import { Runtime } from "../runtime";
import { type FeedItem, fetchFeed } from "../source";
import { DUE_GROUP, NEVER, type RssFeedItem, type RssTransaction, rssService } from "./rss.entity";
import {
  FeedInput,
  type FeedInput as FeedInputType,
  FeedPatch,
  type FeedPatch as FeedPatchType,
  type ImportResult,
  RssFeed,
} from "./rss.schema";

/** A feed fetched less than this long ago is not due for the scheduled import. */
export const IMPORT_INTERVAL_MS = 60 * 60 * 1000;
/** Due feeds one tick looks at (oldest first) to find organisations to import for. */
export const MAX_FEEDS_PER_RUN = 200;
/** Feeds imported at the same time by one organisation's run. */
const CONCURRENCY = 8;
export const MAX_FEEDS_PER_ORG = 100;

const feedNotFound = () =>
  Errors.notFound("feed_not_found", "There is no such feed in this organisation.");

/** Every fetch goes through the safe fetcher, reaching only what the runtime allowlists. */
const fetchOptions = () => ({ allow: { hosts: Runtime.use().fetchAllowlist ?? [] } });

function fromItem(item: RssFeedItem): RssFeed {
  return RssFeed.parse(item);
}

async function loadFeed(orgId: string, feedId: string): Promise<RssFeed> {
  const { data } = await rssService().feed.get({ orgId, feedId }).go({ consistent: true });
  if (!data) throw feedNotFound();
  return fromItem(data);
}

/** Auto-publishing publishes without anyone's publish: only for those whose publish is final. */
async function assertMayAutoPublish(actor: Member.Info, autoPublish: boolean): Promise<void> {
  if (!autoPublish || isAdmin(actor)) return;
  if ((await Org.get(actor.orgId)).settings.curatorsNeedApproval) {
    throw Errors.forbidden(
      "admin_approval_required",
      "Only admins can auto-publish a feed: curators' items need an admin's approval here.",
    );
  }
}

function feedAudit(tx: RssTransaction, feed: RssFeed, actorMemberId: string, action: string) {
  return auditWrite(tx, {
    orgId: feed.orgId,
    actorMemberId,
    action,
    details: { feedId: feed.feedId, topic: feed.topic, autoPublish: feed.autoPublish },
  });
}

/**
 * Adds a feed to the actor's organisation (admins; curators within the topic). The feed is
 * fetched once first: one that cannot be read is refused with the fetcher's message, and
 * nothing is stored. Its items are imported by the next scheduled run, or by `fetchNow`.
 */
export async function addFeed(actorRef: MembershipRef, input: FeedInputType): Promise<RssFeed> {
  const fields = parseInput(FeedInput, input);
  const actor = await loadActor(actorRef);
  assertMayCurate(actor, [fields.topic]);
  await assertMayAutoPublish(actor, fields.autoPublish);
  const existing = await listFeeds(actor.orgId);
  if (existing.some((feed) => feed.url === fields.url)) {
    throw Errors.conflict("feed_exists", "This feed has already been added.");
  }
  if (existing.length >= MAX_FEEDS_PER_ORG) {
    throw Errors.conflict(
      "too_many_feeds",
      `An organisation can have at most ${MAX_FEEDS_PER_ORG} feeds. Remove one first.`,
    );
  }
  const fetched = await fetchFeed(fields.url, fetchOptions());
  const now = Runtime.use().now().toISOString();
  const feed: RssFeed = {
    orgId: actor.orgId,
    feedId: randomUUID(),
    url: fields.url,
    topic: fields.topic,
    autoPublish: fields.autoPublish,
    title: fetched.title || new URL(fields.url).host,
    createdBy: actor.memberId,
    createdAt: now,
    updatedAt: now,
  };
  const result = await rssService()
    .service.transaction.write((tx: RssTransaction) => [
      tx.feed.create({ ...feed, dueGroup: DUE_GROUP, dueAt: NEVER }).commit(),
      feedAudit(tx, feed, actor.memberId, "rss.feed_added"),
    ])
    .go();
  if (result.canceled) throw new Error(`Could not add feed ${feed.feedId}`);
  return feed;
}

/** An organisation's feeds (the HTTP layer lets admins and curators read them). */
export async function listFeeds(orgId: string): Promise<RssFeed[]> {
  const { data } = await rssService().feed.query.byOrg({ orgId }).go({ pages: "all" });
  return data.map(fromItem);
}

export async function getFeed(orgId: string, feedId: string): Promise<RssFeed> {
  return loadFeed(orgId, feedId);
}

/** Changes a feed's topic or auto-publishing; the actor must curate the old and new topic. */
export async function updateFeed(
  actorRef: MembershipRef,
  feedId: string,
  patch: FeedPatchType,
): Promise<RssFeed> {
  const changes = parseInput(FeedPatch, patch);
  const actor = await loadActor(actorRef);
  const current = await loadFeed(actor.orgId, feedId);
  assertMayCurate(actor, [current.topic]);
  if (changes.topic !== undefined) assertMayCurate(actor, [changes.topic]);
  if (changes.autoPublish === true) await assertMayAutoPublish(actor, true);
  const next: RssFeed = {
    ...current,
    ...changes,
    updatedAt: Runtime.use().now().toISOString(),
  };
  const result = await rssService()
    .service.transaction.write((tx: RssTransaction) => [
      tx.feed
        .patch({ orgId: actor.orgId, feedId })
        .set({ topic: next.topic, autoPublish: next.autoPublish, updatedAt: next.updatedAt })
        .commit(),
      feedAudit(tx, next, actor.memberId, "rss.feed_updated"),
    ])
    .go();
  if (result.canceled) {
    if (result.data[0]?.code === "ConditionalCheckFailed") throw feedNotFound();
    throw Errors.conflict("feed_busy", "This feed was changed at the same time. Try again.");
  }
  return next;
}

/** Removes a feed. Content it imported stays, and so do its dedupe keys. */
export async function removeFeed(actorRef: MembershipRef, feedId: string): Promise<void> {
  const actor = await loadActor(actorRef);
  const current = await loadFeed(actor.orgId, feedId);
  assertMayCurate(actor, [current.topic]);
  const result = await rssService()
    .service.transaction.write((tx: RssTransaction) => [
      tx.feed.delete({ orgId: actor.orgId, feedId }).commit(),
      feedAudit(tx, current, actor.memberId, "rss.feed_removed"),
    ])
    .go();
  if (result.canceled) throw Errors.conflict("feed_busy", "Try again.");
}

/** "Fetch now": imports one feed at once (admins; curators within the feed's topic). */
export async function fetchNow(actorRef: MembershipRef, feedId: string): Promise<ImportResult> {
  const actor = await loadActor(actorRef);
  const feed = await loadFeed(actor.orgId, feedId);
  assertMayCurate(actor, [feed.topic]);
  return runImport(feed, Runtime.use().now());
}

/**
 * Imports one feed: new items become content in the organisation, drafts unless the feed
 * auto-publishes. Never throws for a feed that cannot be read: the result and the feed's
 * `lastError` say why.
 */
export async function importFeed(orgId: string, feedId: string): Promise<ImportResult> {
  return runImport(await loadFeed(orgId, feedId), Runtime.use().now());
}

/**
 * The organisations with a feed due for the scheduled import (not fetched in the last hour),
 * from the longest-waiting `MAX_FEEDS_PER_RUN` feeds: one query on the `due` partition,
 * whatever the number of organisations. Each gets a unit of the `rss-import` job.
 */
export async function orgsWithDue({ now }: { now: Date }): Promise<string[]> {
  const { data: due } = await rssService()
    .feed.query.due({ dueGroup: DUE_GROUP })
    .lt({ dueAt: importCutoff(now) })
    .go({ count: MAX_FEEDS_PER_RUN, order: "asc", attributes: ["orgId"] });
  return [...new Set(due.map((item) => item.orgId))];
}

const importCutoff = (now: Date) => new Date(now.getTime() - IMPORT_INTERVAL_MS).toISOString();

/**
 * One organisation's scheduled import (its unit of the `rss-import` job): each of its feeds
 * not fetched in the last hour, longest-waiting first. Each feed is claimed by a conditional
 * write on the `dueAt` read, so overlapping runs never import a feed twice at once; a failing
 * feed is recorded and the others go on.
 */
export async function importDue({ orgId, now }: { orgId: string; now: Date }) {
  const cutoff = importCutoff(now);
  const { data: feeds } = await rssService().feed.query.byOrg({ orgId }).go({ pages: "all" });
  const due = feeds
    .filter((feed) => feed.dueAt < cutoff)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const results: ImportResult[] = [];
  const queue = [...due];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      try {
        if (!(await claim(item, now))) continue;
        results.push(await runImport(fromItem(item), now));
      } catch (error) {
        // A storage failure on one feed: counted, logged, and the others go on.
        Log.error("rss import failed", {
          feedId: item.feedId,
          error,
        });
        results.push({
          feedId: item.feedId,
          items: 0,
          created: 0,
          published: 0,
          skipped: 0,
          error: "The feed could not be imported. Try again.",
        });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return {
    due: due.length,
    imported: results.filter((result) => result.error === undefined).length,
    failed: results.filter((result) => result.error !== undefined).length,
    created: results.reduce((sum, result) => sum + result.created, 0),
    published: results.reduce((sum, result) => sum + result.published, 0),
  };
}

/** Takes a due feed for this run: false when another run took it (or it was removed). */
async function claim(item: RssFeedItem, now: Date): Promise<boolean> {
  try {
    await rssService()
      .feed.patch({ orgId: item.orgId, feedId: item.feedId })
      .set({ dueAt: now.toISOString() })
      .where((attributes, op) => op.eq(attributes.dueAt, item.dueAt))
      .go({ response: "none" });
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}

async function runImport(feed: RssFeed, now: Date): Promise<ImportResult> {
  const result: ImportResult = {
    feedId: feed.feedId,
    items: 0,
    created: 0,
    published: 0,
    skipped: 0,
  };
  try {
    const org = await Org.get(feed.orgId);
    const { items } = await fetchFeed(feed.url, fetchOptions());
    result.items = items.length;
    const already = await seenHashes(feed.orgId, items);
    for (const item of items) {
      const hash = urlHash(item.canonicalUrl);
      const created = already.has(hash) ? "skipped" : await importItem(feed, org, item, hash, now);
      if (created === "skipped") result.skipped++;
      else {
        result.created++;
        if (created === "published") result.published++;
      }
    }
  } catch (error) {
    result.error =
      error instanceof DomainError ? error.message : "The feed could not be imported. Try again.";
    if (!(error instanceof DomainError)) {
      Log.error("rss import failed", {
        feedId: feed.feedId,
        error,
      });
    }
  }
  await recordAttempt(feed, now, result.error);
  return result;
}

async function recordAttempt(feed: RssFeed, now: Date, error: string | undefined) {
  const at = now.toISOString();
  const update = rssService()
    .feed.patch({ orgId: feed.orgId, feedId: feed.feedId })
    .set(
      error === undefined
        ? { lastFetchedAt: at, dueAt: at }
        : { lastFetchedAt: at, dueAt: at, lastError: error },
    );
  try {
    await (error === undefined ? update.remove(["lastError"]) : update).go({ response: "none" });
  } catch (caught) {
    // Removed while it was being imported: nothing to record.
    if (!isConditionalCheckFailure(caught)) throw caught;
  }
}

export const urlHash = (canonicalUrl: string) =>
  createHash("sha256").update(canonicalUrl).digest("hex");

/** The items' dedupe keys that exist already: most of a feed was imported on earlier runs. */
async function seenHashes(orgId: string, items: FeedItem[]): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  const keys = items.map((item) => ({ orgId, urlHash: urlHash(item.canonicalUrl) }));
  const { data } = await rssService().seen.get(keys).go({ consistent: true });
  return new Set(data.map((seen) => seen.urlHash));
}

/** The item as content fields, or null when it cannot be content (an over-long URL...). */
function contentFields(item: FeedItem, feed: RssFeed, org: Organisation) {
  const base = {
    kind: "external" as const,
    title: item.title || item.url.slice(0, 300),
    summary: item.summary ?? "",
    url: item.url,
    topics: [feed.topic],
    language: org.locale,
  };
  const withImage = ContentInput.safeParse({ ...base, imageUrl: item.imageUrl });
  if (withImage.success) return withImage.data;
  // An unusable image costs the image, not the item.
  const without = ContentInput.safeParse(base);
  return without.success ? without.data : null;
}

/**
 * Writes the dedupe key (conditionally), the content, its audit entries and, when the feed
 * publishes automatically, its `content.published` (the outbox) in one transaction: all exist
 * or none, so a failed write is retried by the next run and a race between two imports creates
 * the item once. The event is published after the commit (or by the `outbox` job).
 */
async function importItem(
  feed: RssFeed,
  org: Organisation,
  item: FeedItem,
  hash: string,
  now: Date,
): Promise<"draft" | "published" | "skipped"> {
  const fields = contentFields(item, feed, org);
  if (fields === null) return "skipped";
  const at = now.toISOString();
  const content: Content = {
    ...fields,
    suggestedTexts: [],
    orgId: feed.orgId,
    contentId: randomUUID(),
    status: feed.autoPublish ? "published" : "draft",
    source: "rss",
    createdBy: SYSTEM_ACTOR,
    awaitingApproval: false,
    createdAt: at,
    updatedAt: at,
    ...(feed.autoPublish ? { publishedAt: at } : {}),
  };
  const audit = (tx: RssTransaction, action: string) =>
    auditWrite(tx, {
      orgId: feed.orgId,
      actorMemberId: SYSTEM_ACTOR,
      action,
      details: { contentId: content.contentId, feedId: feed.feedId, source: "rss" },
    });
  const published = feed.autoPublish ? publishedEvent(feed.orgId, content.contentId, at) : null;
  const result = await rssService()
    .service.transaction.write((tx: RssTransaction) => [
      tx.seen
        .create({
          orgId: feed.orgId,
          urlHash: hash,
          canonicalUrl: item.canonicalUrl.slice(0, 2_048),
          feedId: feed.feedId,
          contentId: content.contentId,
          createdAt: at,
        })
        .commit(),
      tx.content.create(toItem(content, 1)).commit(),
      audit(tx, "content.created"),
      ...(published ? [audit(tx, "content.published"), Outbox.outboxWrite(tx, published)] : []),
    ])
    .go();
  if (result.canceled) {
    if (result.data[0]?.code === "ConditionalCheckFailed") return "skipped";
    throw new Error(`Could not import ${item.canonicalUrl}`);
  }
  if (!published) return "draft";
  await Outbox.publishKept(published);
  return "published";
}
