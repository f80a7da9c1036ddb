import { Parser } from "htmlparser2";
import { DomainError } from "../error";
import { SafeFetch } from "../fetch";
import { bodyStart, decodeBody, describeMediaType, describeStatus } from "./body";
import { cleanText, httpUrl } from "./text";

export const PAGE_LIMITS = { title: 300, description: 1000, siteName: 200 } as const;

/**
 * What a page says about itself, as plain text and absolute http(s) addresses; null where it
 * says nothing usable. Every string is text to be escaped where it is shown, never markup.
 */
export interface PageMetadata {
  title: string | null;
  description: string | null;
  imageUrl: string | null;
  canonicalUrl: string | null;
  siteName: string | null;
  /** A language tag such as "sv" or "en-GB". */
  language: string | null;
}

/**
 * Reads a page's metadata: Open Graph first, then Twitter cards, then plain HTML. Two
 * exceptions, on purpose: the canonical address prefers <link rel="canonical"> to og:url
 * (it is the signal search engines honour; og:url is often just the address as visited),
 * and the language prefers <html lang> to og:locale (which many sites leave at a plugin's
 * default "en_US").
 *
 * Meta values and the <title> are text in HTML: the parser decodes their entities and
 * never interprets tags in them, so `<title>&lt;b&gt;</title>` is the text "<b>". They are
 * not parsed a second time as HTML, which would turn text someone wrote back into markup.
 */
export function readPageMetadata(html: string, pageUrl: string): PageMetadata {
  const meta = new Map<string, string>();
  const found: {
    title?: string;
    canonical?: string;
    base?: string;
    lang?: string;
  } = {};
  let title: string | undefined;
  let svgDepth = 0;

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "svg") svgDepth++;
        else if (name === "html") found.lang ??= attributes.lang ?? attributes["xml:lang"];
        else if (name === "base") found.base ??= attributes.href;
        else if (name === "meta") {
          const key = (
            attributes.property ??
            attributes.name ??
            attributes["http-equiv"] ??
            ""
          ).toLowerCase();
          const content = attributes.content;
          if (key !== "" && content !== undefined && !meta.has(key)) meta.set(key, content);
        } else if (name === "link") {
          const rel = (attributes.rel ?? "").toLowerCase().split(/\s+/);
          if (rel.includes("canonical")) found.canonical ??= attributes.href;
        } else if (name === "title" && svgDepth === 0 && found.title === undefined) {
          title = "";
        }
      },
      ontext(text) {
        if (title !== undefined) title += text;
      },
      onclosetag(name) {
        if (name === "svg") svgDepth = Math.max(0, svgDepth - 1);
        else if (name === "title" && title !== undefined) {
          found.title = title;
          title = undefined;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();

  // Relative addresses resolve against <base href> when the page has one, as browsers do.
  const base = httpUrl(found.base, pageUrl) ?? pageUrl;
  const firstText = (max: number, ...values: (string | undefined)[]) => {
    for (const value of values) {
      const text = cleanText(value, max);
      if (text !== null) return text;
    }
    return null;
  };
  const firstUrl = (...values: (string | undefined)[]) => {
    for (const value of values) {
      const url = httpUrl(value, base);
      if (url !== null) return url;
    }
    return null;
  };

  return {
    title: firstText(
      PAGE_LIMITS.title,
      meta.get("og:title"),
      meta.get("twitter:title"),
      found.title,
    ),
    description: firstText(
      PAGE_LIMITS.description,
      meta.get("og:description"),
      meta.get("twitter:description"),
      meta.get("description"),
    ),
    imageUrl: firstUrl(
      meta.get("og:image"),
      meta.get("og:image:url"),
      meta.get("og:image:secure_url"),
      meta.get("twitter:image"),
      meta.get("twitter:image:src"),
    ),
    canonicalUrl: firstUrl(found.canonical, meta.get("og:url")),
    siteName: firstText(PAGE_LIMITS.siteName, meta.get("og:site_name")),
    language:
      [found.lang, meta.get("og:locale"), meta.get("content-language")]
        .map(languageTag)
        .find((tag) => tag !== null) ?? null,
  };
}

/** "en_us" → "en-US"; null for anything that is not a plausible BCP 47 tag. */
function languageTag(value: string | undefined): string | null {
  const tag = value?.trim().replace(/_/g, "-");
  if (tag === undefined || tag.length > 35) return null;
  if (!/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(tag)) return null;
  const [language = "", ...rest] = tag.split("-");
  return [
    language.toLowerCase(),
    ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part)),
  ].join("-");
}

/**
 * An add-by-URL preview: the page's metadata, or why it could not be read so the admin can
 * enter the details by hand. A page that cannot be read is an answer, not an error; an
 * address Sprida refuses to fetch (a private address, a javascript: URL) is the admin's input
 * error and throws `invalid` / `url_refused`.
 */
export type PagePreview =
  | ({ ok: true; finalUrl: string } & PageMetadata)
  | { ok: false; message: string };

const HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1";
const BY_HAND = "Enter the details by hand.";

export async function previewUrl(
  url: string,
  options: SafeFetch.FetchOptions = {},
): Promise<PagePreview> {
  let page: SafeFetch.FetchResult;
  try {
    // Metadata sits in <head>, at the start: a page larger than the limit is read in part.
    page = await SafeFetch.fetchUrl(url, { overflow: "truncate", accept: HTML_ACCEPT, ...options });
  } catch (error) {
    if (error instanceof DomainError && error.code !== "url_refused") {
      return {
        ok: false,
        message: `Sprida could not read that page: ${error.message}. ${BY_HAND}`,
      };
    }
    throw error;
  }
  if (page.status < 200 || page.status >= 300) {
    return {
      ok: false,
      message: `Sprida could not read that page: it answered ${describeStatus(page.status)}. ${BY_HAND}`,
    };
  }
  if (!isHtml(page)) {
    return {
      ok: false,
      message: `That address is ${describeMediaType(page.contentType)}, not a web page, so there is nothing to fill in from. ${BY_HAND}`,
    };
  }
  const html = decodeBody(page.body, page.headers["content-type"], "html");
  return { ok: true, finalUrl: page.finalUrl, ...readPageMetadata(html, page.finalUrl) };
}

function isHtml(page: SafeFetch.FetchResult): boolean {
  if (page.contentType === "text/html" || page.contentType === "application/xhtml+xml") {
    return true;
  }
  if (page.contentType !== null) return false;
  const start = bodyStart(page.body);
  return start.startsWith("<!doctype html") || start.startsWith("<html");
}
