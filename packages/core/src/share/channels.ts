import { Errors, parseInput } from "../error";
import { toHostName } from "./host-name";
import {
  ChannelId,
  type ChannelInfo,
  ShareAction,
  ShareInput,
  type ShareInput as ShareInputType,
} from "./share.schema";

export interface IntentInput {
  url: string;
  text: string;
  title?: string;
  instance?: string;
}

export interface Channel extends ChannelInfo {
  /** Builds the network's share URL; only intent channels have one. */
  intent?: (input: IntentInput) => string;
}

/**
 * Every value is percent-encoded with encodeURIComponent: it writes a space as %20 and a
 * plus as %2B, which read the same to an RFC 3986 decoder and to a form decoder.
 * URLSearchParams writes a space as "+", which a decoder of the first kind (and mailto
 * handlers, RFC 6068 §5) shows as a literal plus.
 */
function withQuery(base: string, params: [name: string, value: string | undefined][]): string {
  const query = params
    .filter((param): param is [string, string] => param[1] !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join("&");
  return query === "" ? base : `${base}?${query}`;
}

/** For networks whose share URL takes one text field: the member's text, then the link. */
function textThenLink(text: string, url: string, separator = " "): string {
  return text === "" ? url : `${text}${separator}${url}`;
}

const nonEmpty = (value: string | undefined) => (value === "" ? undefined : value);

function mastodonHost(instance: string | undefined): string {
  if (instance === undefined || instance.trim() === "") {
    throw Errors.invalid(
      "mastodon_instance_required",
      "To share on Mastodon, add your Mastodon server (for example mastodon.social) to your profile (mastodonServer), or name it for this share.",
    );
  }
  const host = toHostName(instance);
  if (host === null) {
    throw Errors.invalid(
      "mastodon_instance_invalid",
      "Your Mastodon server should be just its name, for example mastodon.social.",
    );
  }
  return host;
}

/**
 * The channel table. Where each share URL's format comes from (checked May 2026):
 * - x: docs.x.com "Web intent" documents https://x.com/intent/tweet with `text` and `url`
 *   (x.com/intent/post is used in the wild but is not the documented address).
 * - telegram: core.telegram.org/widgets/share documents t.me/share/url?url=&text=.
 * - bluesky: docs.bsky.app "Action Intent Links" documents bsky.app/intent/compose?text=.
 * - threads: Meta's "Threads Web Intents" documents www.threads.com/intent/post with `text`
 *   and `url` (a link attachment); threads.net, the older address, redirects there.
 * - mastodon: /share?text= is the server's share page (SharesController; older servers join
 *   title, text and url themselves, newer ones read `text`).
 * - email: RFC 6068; spaces as %20 and line breaks in the body as %0D%0A.
 * - whatsapp: WhatsApp's click-to-chat FAQ documents wa.me/<number>?text=; the number-less
 *   wa.me/?text= (pick a chat) is confirmed only by widespread use.
 * Not verifiable against an official page, taken from widespread, current use:
 * - linkedin: linkedin.com/sharing/share-offsite/?url= (LinkedIn documents only its JS
 *   plugin; the page takes the URL alone and builds the preview from Open Graph tags).
 * - facebook: facebook.com/sharer/sharer.php?u= (Meta documents only dialog/share, which
 *   needs an app id; sharer.php ignores any text).
 * - xing: xing.com/spi/shares/new?url= (dev.xing.com documents the JS share button).
 * - reddit: reddit.com/submit?url=&title= (the GET parameters of reddit's submit form in its
 *   published source; no current documentation).
 * Instagram, Snapchat and TikTok have no web share URL for a link: image download and copy.
 */
export const CHANNELS = {
  linkedin: {
    id: "linkedin",
    name: "LinkedIn",
    kind: "intent",
    acceptsText: false,
    acceptsUrl: true,
    intent: ({ url }) =>
      withQuery("https://www.linkedin.com/sharing/share-offsite/", [["url", url]]),
  },
  x: {
    id: "x",
    name: "X",
    kind: "intent",
    acceptsText: true,
    acceptsUrl: true,
    intent: ({ url, text }) =>
      withQuery("https://x.com/intent/tweet", [
        ["text", nonEmpty(text)],
        ["url", url],
      ]),
  },
  facebook: {
    id: "facebook",
    name: "Facebook",
    kind: "intent",
    acceptsText: false,
    acceptsUrl: true,
    intent: ({ url }) => withQuery("https://www.facebook.com/sharer/sharer.php", [["u", url]]),
  },
  xing: {
    id: "xing",
    name: "XING",
    kind: "intent",
    acceptsText: false,
    acceptsUrl: true,
    intent: ({ url }) => withQuery("https://www.xing.com/spi/shares/new", [["url", url]]),
  },
  whatsapp: {
    id: "whatsapp",
    name: "WhatsApp",
    kind: "intent",
    acceptsText: true,
    acceptsUrl: true,
    intent: ({ url, text }) => withQuery("https://wa.me/", [["text", textThenLink(text, url)]]),
  },
  telegram: {
    id: "telegram",
    name: "Telegram",
    kind: "intent",
    acceptsText: true,
    acceptsUrl: true,
    intent: ({ url, text }) =>
      withQuery("https://t.me/share/url", [
        ["url", url],
        ["text", nonEmpty(text)],
      ]),
  },
  reddit: {
    id: "reddit",
    name: "Reddit",
    kind: "intent",
    // The title field is the content's title; the member's text goes in by paste.
    acceptsText: false,
    acceptsUrl: true,
    intent: ({ url, title }) =>
      withQuery("https://www.reddit.com/submit", [
        ["url", url],
        ["title", title],
      ]),
  },
  bluesky: {
    id: "bluesky",
    name: "Bluesky",
    kind: "intent",
    acceptsText: true,
    acceptsUrl: true,
    intent: ({ url, text }) =>
      withQuery("https://bsky.app/intent/compose", [["text", textThenLink(text, url)]]),
  },
  mastodon: {
    id: "mastodon",
    name: "Mastodon",
    kind: "intent",
    acceptsText: true,
    acceptsUrl: true,
    intent: ({ url, text, instance }) =>
      withQuery(`https://${mastodonHost(instance)}/share`, [["text", textThenLink(text, url)]]),
  },
  threads: {
    id: "threads",
    name: "Threads",
    kind: "intent",
    acceptsText: true,
    acceptsUrl: true,
    intent: ({ url, text }) =>
      withQuery("https://www.threads.com/intent/post", [
        ["text", nonEmpty(text)],
        ["url", url],
      ]),
  },
  email: {
    id: "email",
    name: "E-mail",
    kind: "intent",
    acceptsText: true,
    acceptsUrl: true,
    intent: ({ url, text, title }) =>
      withQuery("mailto:", [
        // A header is one line.
        ["subject", title?.replace(/[\r\n]+/g, " ")],
        ["body", textThenLink(text, url, "\n\n").replace(/\r\n|\r|\n/g, "\r\n")],
      ]),
  },
  instagram: {
    id: "instagram",
    name: "Instagram",
    kind: "download",
    acceptsText: false,
    acceptsUrl: false,
  },
  snapchat: {
    id: "snapchat",
    name: "Snapchat",
    kind: "download",
    acceptsText: false,
    acceptsUrl: false,
  },
  tiktok: {
    id: "tiktok",
    name: "TikTok",
    kind: "download",
    acceptsText: false,
    acceptsUrl: false,
  },
  copy: {
    id: "copy",
    name: "Copy link",
    kind: "copy",
    acceptsText: false,
    acceptsUrl: false,
  },
} as const satisfies Record<ChannelId, Channel>;

/** The channel table as the API lists it, in the order of `ChannelId`. */
export function channelList(): ChannelInfo[] {
  return ChannelId.options.map((id) => {
    const { intent: _intent, ...info } = CHANNELS[id] as Channel;
    return info;
  });
}

/**
 * What the hub does when a member taps a channel, for the member's tracked link and text.
 * Refuses an unknown channel, bad input and (Mastodon) a missing or malformed server with
 * an `invalid` error whose message is meant for the member.
 */
export function shareAction(channel: string, input: ShareInputType): ShareAction {
  const id = parseInput(ChannelId, channel, "unknown_channel");
  const { url, text, title, instance } = parseInput(ShareInput, input);
  const entry: Channel = CHANNELS[id];
  const hasText = text.trim() !== "";

  switch (entry.kind) {
    case "intent": {
      const shareUrl = entry.intent?.({ url, text, title, instance });
      if (shareUrl === undefined) throw new Error(`Channel ${id} has no share URL`);
      return ShareAction.parse({
        kind: "intent",
        url: shareUrl,
        ...(!entry.acceptsText && hasText ? { copyText: text } : {}),
      });
    }
    case "download":
      return ShareAction.parse({
        kind: "download",
        downloadImage: true,
        copyText: textThenLink(text, url),
      });
    case "copy":
      return ShareAction.parse({ kind: "copy", copyText: url });
  }
}
