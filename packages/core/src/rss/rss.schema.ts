import { z } from "zod";
import { Topic } from "../content/content.schema";
import { HttpUrl } from "../schema";

export const FeedInput = z.strictObject({
  url: HttpUrl,
  topic: Topic,
  /** Publish new items at once instead of leaving them as drafts (an explicit choice). */
  autoPublish: z.boolean().default(false),
});
export type FeedInput = z.input<typeof FeedInput>;

export const FeedPatch = z.strictObject({
  autoPublish: z.boolean().optional(),
  topic: Topic.optional(),
});
export type FeedPatch = z.input<typeof FeedPatch>;

export const RssFeed = z.object({
  orgId: z.string(),
  feedId: z.string(),
  url: z.string(),
  topic: z.string(),
  autoPublish: z.boolean(),
  /** The feed's own title when it was added (its host when it has none). */
  title: z.string(),
  /** The last import attempt, successful or not; absent until the first import. */
  lastFetchedAt: z.iso.datetime().optional(),
  /** Why the last import attempt failed, for people; absent after a successful one. */
  lastError: z.string().optional(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type RssFeed = z.infer<typeof RssFeed>;

/** What one import of one feed did. */
export interface ImportResult {
  feedId: string;
  /** Items of the feed read this time. */
  items: number;
  /** New content items (drafts, or published with autoPublish). */
  created: number;
  published: number;
  /** Already imported (by this or another feed of the organisation), or not importable. */
  skipped: number;
  /** Set when the feed could not be imported; also stored as the feed's `lastError`. */
  error?: string;
}
