import { Rss } from "@sprida/core/rss";
import { z } from "zod";
import { actorOf, session } from "../callers";
import { defineRoute } from "../route";

/** A feed as curators see it: all of it but the organisation and who added it. */
const FeedView = Rss.RssFeed.omit({ orgId: true, createdBy: true });
const FeedParams = z.strictObject({ feedId: z.string().min(1).max(64) });

/** RSS/Atom sources per topic: imported as drafts unless a feed is set to publish. */
export const RssRoutes = [
  defineRoute({
    method: "get",
    path: "/api/rss-feeds",
    summary: "The organisation's RSS/Atom feeds, with their last import and error",
    tag: "Content",
    access: session("curator"),
    response: z.object({ feeds: z.array(FeedView) }),
    handler: async ({ caller }) => ({ feeds: await Rss.listFeeds(caller.orgId) }),
  }),
  defineRoute({
    method: "post",
    path: "/api/rss-feeds",
    summary:
      "Add a feed for a topic (read once to check it); new items become drafts unless autoPublish",
    tag: "Content",
    access: session("curator"),
    body: Rss.FeedInput,
    response: FeedView,
    status: 201,
    handler: async ({ caller, body }) => Rss.addFeed(actorOf(caller), body),
  }),
  defineRoute({
    method: "patch",
    path: "/api/rss-feeds/:feedId",
    summary: "Change a feed's topic or whether it publishes new items at once",
    tag: "Content",
    access: session("curator"),
    params: FeedParams,
    body: Rss.FeedPatch,
    response: FeedView,
    handler: async ({ caller, params, body }) =>
      Rss.updateFeed(actorOf(caller), params.feedId, body),
  }),
  defineRoute({
    method: "post",
    path: "/api/rss-feeds/:feedId/remove",
    summary: "Remove a feed (items already imported stay)",
    tag: "Content",
    access: session("curator"),
    params: FeedParams,
    response: z.object({ removed: z.literal(true) }),
    handler: async ({ caller, params }) => {
      await Rss.removeFeed(actorOf(caller), params.feedId);
      return { removed: true as const };
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/rss-feeds/:feedId/fetch",
    summary: "Fetch now: import the feed's new items at once",
    tag: "Content",
    access: session("curator"),
    params: FeedParams,
    response: z.object({
      feedId: z.string(),
      items: z.number(),
      created: z.number(),
      published: z.number(),
      skipped: z.number(),
      error: z.string().optional(),
    }),
    handler: async ({ caller, params }) => Rss.fetchNow(actorOf(caller), params.feedId),
  }),
];
