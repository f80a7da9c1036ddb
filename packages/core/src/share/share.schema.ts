import { z } from "zod";
import { ChannelId, HttpUrl } from "../schema";
import { Text } from "../text";

/** Shared with other domains, from the common schema module. */
export { ChannelId, HttpUrl, parseUrl } from "../schema";

/**
 * intent: the network has a share URL the hub opens; copy: the hub copies the link;
 * download: the network has no share URL for links, so the hub offers the image to download
 * and copies the text.
 */
export const ChannelKind = z.enum(["intent", "copy", "download"]);
export type ChannelKind = z.infer<typeof ChannelKind>;

/** A channel as the API lists it: the channel table without its URL builders. */
export const ChannelInfo = z.strictObject({
  id: ChannelId,
  name: z.string(),
  kind: ChannelKind,
  /** The network takes the member's text in its share URL; when false the hub copies the text first. */
  acceptsText: z.boolean(),
  /** The network takes the link in its share URL. */
  acceptsUrl: z.boolean(),
});
export type ChannelInfo = z.infer<typeof ChannelInfo>;

/**
 * The member's text, kept as typed (not trimmed): LinkedIn's post limit is the longest any
 * network takes. Unpaired surrogates are refused with the rest of `Text`'s rules, which
 * matters here: encodeURIComponent throws on them.
 */
export const ShareText = Text.field({ max: 3_000, multiline: true, trim: false });

export const ShareInput = z.strictObject({
  /** The member's tracked link (`/r/{code}`), never the destination itself. */
  url: HttpUrl,
  text: ShareText,
  /**
   * The content's title: the e-mail subject and the Reddit title. Line breaks are let through
   * (the channels put the title on one line) because it echoes a stored title, and titles
   * stored before line breaks were refused may have one.
   */
  title: Text.field({ max: 300, multiline: true, visible: true }).optional(),
  /** The member's Mastodon server (a host name such as `mastodon.social`). */
  instance: z.string().max(253).optional(),
});
export type ShareInput = z.input<typeof ShareInput>;

/** What the hub does when the member taps a channel. */
export const ShareAction = z.strictObject({
  kind: ChannelKind,
  /** The share URL to open (intent channels only). */
  url: z.string().optional(),
  /** Put on the clipboard before opening `url` (or instead of it). */
  copyText: z.string().optional(),
  /** Offer the content's image for download (channels without a share URL for links). */
  downloadImage: z.boolean().optional(),
});
export type ShareAction = z.infer<typeof ShareAction>;
