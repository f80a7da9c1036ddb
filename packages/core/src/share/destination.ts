import { z } from "zod";
import { parseInput } from "../error";
import { toHostName } from "./host-name";
import { isOwnHost } from "./own-host.lean";
import { ChannelId, HttpUrl } from "./share.schema";

/** An organisation's own domain as configured: a host name, stored in its ASCII form. */
export const OwnDomain = z.string().transform((value, context) => {
  const host = toHostName(value, { allowLocalhost: true });
  if (host === null) {
    context.addIssue({
      code: "custom",
      message: "A domain is a host name such as example.com, without https:// or a path",
    });
    return z.NEVER;
  }
  return host;
});

export const UtmMedium = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "Letters, digits, _ . and - only");

export const DEFAULT_UTM_MEDIUM = "employee_advocacy";

export const DestinationOptions = z.strictObject({
  ownDomains: z.array(OwnDomain).max(100),
  channel: ChannelId,
  utmMedium: UtmMedium.default(DEFAULT_UTM_MEDIUM),
  /** The campaign's name or slug; sent as a slug, omitted when absent. */
  campaign: z.string().max(200).optional(),
  contentId: z.string().min(1).max(128),
});
export type DestinationOptions = z.input<typeof DestinationOptions>;

export { isOwnHost };

const FOLDED: Record<string, string> = { ø: "o", æ: "ae", ß: "ss", đ: "d", ł: "l", þ: "th" };

/** "Vår kampanj 2026!" → "var-kampanj-2026"; a slug stays as it is. */
export function campaignSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[øæßđłþ]/g, (letter) => FOLDED[letter] ?? letter)
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 80)
    .replace(/^-+|-+$/g, "");
}

/** The name of a raw `name=value` query piece as a server would read it. */
function paramName(piece: string): string {
  const raw = piece.split("=", 1)[0] ?? "";
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

/**
 * Sets each parameter of `ours` once: in place of its first occurrence (later ones are
 * dropped), else at the end. Every other piece of the query is kept as written, in order.
 */
function mergeQuery(search: string, ours: ReadonlyMap<string, string>): string {
  const pending = new Map(ours);
  const pieces: string[] = [];
  for (const piece of search === "" ? [] : search.slice(1).split("&")) {
    const name = paramName(piece);
    if (!ours.has(name)) {
      pieces.push(piece);
      continue;
    }
    const value = pending.get(name);
    if (value === undefined) continue;
    pieces.push(`${name}=${encodeURIComponent(value)}`);
    pending.delete(name);
  }
  for (const [name, value] of pending) pieces.push(`${name}=${encodeURIComponent(value)}`);
  return pieces.join("&");
}

/**
 * The URL a tracked link redirects to. On the organisation's own domains the UTM
 * parameters are merged in (utm_source = channel, utm_medium, utm_campaign when there is a
 * campaign, utm_content = content id), replacing any the content URL already carries; an
 * existing utm_campaign stays when there is no campaign to replace it. Such a URL comes
 * back in its WHATWG serialisation (punycode host, percent-encoded path). Any other
 * destination comes back exactly as given. Nothing about the member is ever added; the
 * click id `sid` is the redirect's business.
 */
export function destinationUrl(contentUrl: string, options: DestinationOptions): string {
  parseInput(HttpUrl, contentUrl, "invalid_destination");
  const { ownDomains, channel, utmMedium, campaign, contentId } = parseInput(
    DestinationOptions,
    options,
    "invalid_destination_options",
  );
  const url = new URL(contentUrl);
  if (!isOwnHost(url, ownDomains)) return contentUrl;

  const slug = campaign === undefined ? "" : campaignSlug(campaign);
  const ours = new Map<string, string>([
    ["utm_source", channel],
    ["utm_medium", utmMedium],
    ...(slug === "" ? [] : ([["utm_campaign", slug]] as const)),
    ["utm_content", contentId],
  ]);
  url.search = mergeQuery(url.search, ours);
  return url.href;
}
