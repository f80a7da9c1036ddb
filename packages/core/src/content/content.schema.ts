import { z } from "zod";
import { ChannelId, HttpUrl, Id, Locale } from "../schema";
import { Text } from "../text";

export const ContentKind = z.enum(["internal", "external"]);
export type ContentKind = z.infer<typeof ContentKind>;

export const ContentStatus = z.enum(["draft", "scheduled", "published", "archived"]);
export type ContentStatus = z.infer<typeof ContentStatus>;

/** Who brought the item in; decides nothing by itself (approval is `awaitingApproval`). */
export const ContentSource = z.enum(["admin", "curator", "member_suggestion", "rss"]);
export type ContentSource = z.infer<typeof ContentSource>;

/** Same shape as a member's curator topics, so the two compare as written. */
export const Topic = z.string().trim().min(1).max(60);
export const Topics = z
  .array(Topic)
  .max(10)
  .transform((topics) => [...new Set(topics)]);

/** Text rules (NFC, no control or bidirectional-control characters): see `text/text.ts`. */
export const Title = Text.field({ max: 300, visible: true });
export const Summary = Text.field({ max: 1_000, multiline: true });
const Instant = z.iso.datetime();
/** Any offset accepted, stored as UTC with milliseconds, so stored instants compare as strings. */
const InstantInput = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString());

/** A suggested text is for one share channel, or for any. */
export const SuggestedTextChannel = z.union([ChannelId, z.literal("any")], {
  error: 'Not a share channel (or "any")',
});

export const SuggestedText = z.object({
  id: z.string(),
  channel: SuggestedTextChannel,
  language: Locale,
  text: z.string(),
});
export type SuggestedText = z.infer<typeof SuggestedText>;

const SuggestedTextInput = z.strictObject({
  /** Kept when given (editing a text keeps its id); a new text gets one. */
  id: Id.optional(),
  channel: SuggestedTextChannel,
  language: Locale,
  text: Text.field({ max: 3_000, multiline: true, visible: true }),
});

const SuggestedTexts = z
  .array(SuggestedTextInput)
  .max(30)
  .refine(
    (texts) => {
      const ids = texts.flatMap((text) => (text.id ? [text.id] : []));
      return new Set(ids).size === ids.length;
    },
    { message: "Each suggested text id can be used once" },
  );

/** The editable fields, without defaults (shared by create and update). */
const editable = {
  kind: ContentKind,
  title: Title,
  summary: Summary,
  url: HttpUrl,
  imageUrl: HttpUrl,
  topics: Topics,
  campaignId: Id,
  language: Locale,
  publishAt: InstantInput,
  expiresAt: InstantInput,
  featured: z.boolean(),
  suggestedTexts: SuggestedTexts,
};

const expiresAfterPublish = {
  check: (value: { publishAt?: string | null; expiresAt?: string | null }) =>
    !value.publishAt || !value.expiresAt || value.expiresAt > value.publishAt,
  message: { message: "The expiry time must be after the publish time", path: ["expiresAt"] },
};

export const ContentInput = z
  .strictObject({
    ...editable,
    kind: editable.kind.default("external"),
    summary: editable.summary.default(""),
    imageUrl: editable.imageUrl.optional(),
    topics: editable.topics.default([]),
    campaignId: editable.campaignId.optional(),
    publishAt: editable.publishAt.optional(),
    expiresAt: editable.expiresAt.optional(),
    featured: editable.featured.default(false),
    suggestedTexts: editable.suggestedTexts.default([]),
  })
  .refine(expiresAfterPublish.check, expiresAfterPublish.message);
export type ContentInput = z.input<typeof ContentInput>;

/** Only the fields given change; `null` clears an optional field. */
export const ContentPatch = z.strictObject({
  kind: editable.kind.optional(),
  title: editable.title.optional(),
  summary: editable.summary.optional(),
  url: editable.url.optional(),
  imageUrl: editable.imageUrl.nullable().optional(),
  topics: editable.topics.optional(),
  campaignId: editable.campaignId.nullable().optional(),
  language: editable.language.optional(),
  publishAt: editable.publishAt.nullable().optional(),
  expiresAt: editable.expiresAt.nullable().optional(),
  featured: editable.featured.optional(),
  suggestedTexts: editable.suggestedTexts.optional(),
});
export type ContentPatch = z.input<typeof ContentPatch>;

/** What any active member may suggest: a link, goes to curators as a draft. */
export const SuggestionInput = z.strictObject({
  url: HttpUrl,
  title: Title.optional(),
  summary: Summary.optional(),
  topics: Topics.optional(),
});
export type SuggestionInput = z.input<typeof SuggestionInput>;

export const Info = z.object({
  orgId: z.string(),
  contentId: z.string(),
  kind: ContentKind,
  title: z.string(),
  summary: z.string(),
  url: z.string(),
  imageUrl: z.string().optional(),
  topics: z.array(z.string()),
  campaignId: z.string().optional(),
  language: Locale,
  status: ContentStatus,
  publishAt: Instant.optional(),
  expiresAt: Instant.optional(),
  featured: z.boolean(),
  suggestedTexts: z.array(SuggestedText),
  source: ContentSource,
  /** The memberId who created or suggested it ("system" for imports). */
  createdBy: z.string(),
  /** Waits for a curator (member suggestion) or an admin (a curator's publish, by setting). */
  awaitingApproval: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
  /** When it last went live (set by each publish, kept after archiving). */
  publishedAt: Instant.optional(),
});
export type Info = z.infer<typeof Info>;

export const ListContentQuery = z.strictObject({
  status: ContentStatus.optional(),
  topic: Topic.optional(),
  awaitingApproval: z.boolean().optional(),
  campaignId: editable.campaignId.optional(),
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(2_000).nullish(),
});
export type ListContentQuery = z.input<typeof ListContentQuery>;

/** Published, already due and not expired: what a member's feed may show and share. */
export function isLive(item: Pick<Info, "status" | "publishedAt" | "expiresAt">, now: Date) {
  if (item.status !== "published") return false;
  const at = now.getTime();
  if (item.publishedAt !== undefined && Date.parse(item.publishedAt) > at) return false;
  return item.expiresAt === undefined || Date.parse(item.expiresAt) > at;
}
