import { isbot } from "isbot";
import { inRanges, rangeList } from "./address";

/**
 * Fetchers `isbot` does not know. Kept deliberately short: each entry says where it comes
 * from, and one is added only when its source is public.
 */
const PREVIEW_USER_AGENTS: readonly RegExp[] = [
  // Outlook for Windows fetches a link to show its preview card:
  // "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.12026; Pro)".
  /^Microsoft Office\/[\d.]+ \(.*Microsoft Outlook/i,
  // Office apps (Word, Excel, PowerPoint) probe a hyperlink before opening the browser:
  // "Mozilla/4.0 (compatible; ms-office; MSOffice 16)".
  /\bms-office\b|\bMSOffice \d/i,
  // Outlook for iOS fetches link previews with its own client string
  // ("Outlook-iOS/709.2226530.prod.iphone (3.24.1)"); links it opens use a browser UA.
  /^Outlook-iOS\//i,
];

/**
 * Mail scanners that follow every link in a message before the recipient does.
 * Microsoft 365 "URLs and IP address ranges", Exchange Online, ID 9 (Exchange Online
 * Protection, whose Safe Links scanning fetches links in incoming mail); no person browses
 * from these. Review against that page when it changes.
 */
const SCANNER_RANGES = rangeList([
  "40.92.0.0/15",
  "40.107.0.0/16",
  "52.100.0.0/15",
  "52.102.0.0/16",
  "52.103.0.0/17",
  "104.47.0.0/17",
  "2a01:111:f400::/48",
  "2a01:111:f403::/48",
]);

/** `isbot`, or one of the preview fetchers it misses. */
export function isBotUserAgent(userAgent: string): boolean {
  return isbot(userAgent) || PREVIEW_USER_AGENTS.some((pattern) => pattern.test(userAgent));
}

/** A normalised client address in a known mail scanner's range. */
export function isScannerAddress(address: string | undefined): boolean {
  return inRanges(SCANNER_RANGES, address);
}

/**
 * Speculative loads a browser makes before (or without) the person choosing the link:
 * `Purpose: prefetch` (older Chrome, Safari) and `Sec-Purpose: prefetch` or
 * `prefetch;prerender` (current Chrome).
 */
export function isPrefetch(purpose: string | undefined, secPurpose: string | undefined): boolean {
  return [purpose, secPurpose].some((value) =>
    (value ?? "").split(/[;,]/).some((token) => token.trim().toLowerCase() === "prefetch"),
  );
}
