import { parseFeed } from "@rowanmanning/feed-parser";
import { Errors } from "../error";
import { SafeFetch } from "../fetch";
import { bodyStart, decodeBody, describeMediaType, describeStatus } from "./body";
import { canonicalUrl, cleanText, htmlToText, httpUrl } from "./text";

export const FEED_LIMITS = { title: 300, summary: 1000 } as const;

export interface FeedItem {
  title: string | null;
  /** The item's own link, absolute http(s), as the feed gives it. */
  url: string;
  /** The deduplication key: `url` without fragment or utm_* parameters, host in lower case. */
  canonicalUrl: string;
  /** Plain text: the description's markup removed. */
  summary: string | null;
  imageUrl?: string;
  /** ISO 8601. */
  publishedAt?: string;
}

export interface Feed {
  title: string | null;
  /** In feed order, one per canonical address (the first wins), only items with a usable link. */
  items: FeedItem[];
}

type ParsedItem = ReturnType<typeof parseFeed>["items"][number];

/**
 * Reads an RSS 2.0, RSS 1.0 (RDF) or Atom document. Relative links resolve against the
 * feed's own site link, then against `feedUrl`. Items without an http(s) link are skipped:
 * Sprida shares links, and an item without one has nothing to share.
 */
export function readFeed(xml: string, feedUrl: string): Feed {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(xml);
  } catch {
    // The parser is lenient; it throws only when nothing feed-like can be read (or an entity
    // expands beyond its limits), and its message is for developers.
    throw Errors.invalid(
      "feed_invalid",
      "That address does not contain an RSS or Atom feed Sprida can read",
    );
  }
  const seen = new Set<string>();
  const items: FeedItem[] = [];
  for (const entry of parsed.items) {
    const item = readItem(entry, feedUrl);
    if (item === null || seen.has(item.canonicalUrl)) continue;
    seen.add(item.canonicalUrl);
    items.push(item);
  }
  return { title: cleanText(htmlToText(parsed.title ?? ""), FEED_LIMITS.title), items };
}

function readItem(entry: ParsedItem, feedUrl: string): FeedItem | null {
  const url = httpUrl(entry.url, feedUrl);
  if (url === null) return null;
  const item: FeedItem = {
    // Atom titles may be HTML and RSS titles often carry markup, so titles are read as HTML too.
    title: cleanText(htmlToText(entry.title ?? ""), FEED_LIMITS.title),
    url,
    canonicalUrl: canonicalUrl(url),
    summary: cleanText(htmlToText(entry.description ?? entry.content ?? ""), FEED_LIMITS.summary),
  };
  const imageUrl = imageOf(entry, url);
  if (imageUrl !== null) item.imageUrl = imageUrl;
  const published = entry.published ?? entry.updated;
  if (published !== null && !Number.isNaN(published.getTime())) {
    item.publishedAt = published.toISOString();
  }
  return item;
}

function imageOf(entry: ParsedItem, itemUrl: string): string | null {
  const candidates = [
    entry.image?.url,
    ...entry.media.filter((media) => media.type === "image").map((media) => media.url),
    ...entry.media.map((media) => media.image ?? undefined),
  ];
  for (const candidate of candidates) {
    const url = httpUrl(candidate, itemUrl);
    if (url !== null) return url;
  }
  return null;
}

const FEED_ACCEPT =
  "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1";

/**
 * Fetches and reads a feed through the one safe fetcher. Everything that goes wrong throws
 * `invalid`: `url_refused` (an address Sprida never fetches), `fetch_failed`, `too_large`,
 * `timeout`, `feed_not_xml` (the address is a page, a PDF...), `feed_invalid`.
 */
export async function fetchFeed(
  url: string,
  options: SafeFetch.FetchOptions = {},
): Promise<Feed & { finalUrl: string }> {
  const answer = await SafeFetch.fetchUrl(url, { accept: FEED_ACCEPT, ...options });
  if (answer.status < 200 || answer.status >= 300) {
    throw Errors.invalid(
      "fetch_failed",
      `The feed address answered ${describeStatus(answer.status)}`,
    );
  }
  if (!looksLikeXml(answer)) {
    const what = describeMediaType(answer.contentType);
    throw Errors.invalid(
      "feed_not_xml",
      what === "a web page"
        ? "That address is a web page, not an RSS or Atom feed. Use the address of the feed itself (it often ends in /feed, /rss or .xml)"
        : `That address is ${what}, not an RSS or Atom feed`,
    );
  }
  const xml = decodeBody(answer.body, answer.headers["content-type"], "xml");
  return { finalUrl: answer.finalUrl, ...readFeed(xml, answer.finalUrl) };
}

/**
 * XML by its declared type, or by its first bytes: some servers send feeds as text/plain,
 * octet-stream or even text/html, and a feed is still a feed.
 */
function looksLikeXml(answer: SafeFetch.FetchResult): boolean {
  const type = answer.contentType ?? "";
  if (type.endsWith("/xml") || type.endsWith("+xml")) return true;
  return /^(<\?xml|<rss|<feed|<rdf:rdf)[\s>]/.test(bodyStart(answer.body));
}
