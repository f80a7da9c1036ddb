import { isIP } from "node:net";

const EMAIL = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+/g;
/**
 * Four dotted numbers. A version string of that shape ("1.2.3.4") is replaced too: telling
 * it from an address is guesswork, and a lost version number costs less than a kept address.
 */
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;
/** Anything with two colons among hex digits and dots; only real addresses are replaced. */
const IPV6_CANDIDATE = /[0-9a-f]*:[0-9a-f:.]*:[0-9a-f:.]*/gi;

export const EMAIL_MARK = "[email]";
export const ADDRESS_MARK = "[address]";

/**
 * Replaces e-mail addresses and IP addresses (v4 and v6, an IPv6 address with a port or
 * trailing punctuation too, IPv4-mapped IPv6). A false match only costs a word of the text;
 * times ("12:30:45"), UUIDs and hex hashes are left alone.
 */
export function scrub(text: string): string {
  return text
    .replace(EMAIL, EMAIL_MARK)
    .replace(IPV6_CANDIDATE, scrubLeadingIPv6)
    .replace(IPV4, ADDRESS_MARK);
}

/** "fe80::1:443," is "fe80::1:443" then ","; "12:30:45" is a time, not an address. */
function scrubLeadingIPv6(candidate: string): string {
  for (let end = candidate.length; end > 1; end--) {
    if (isIP(candidate.slice(0, end)) === 6) return `${ADDRESS_MARK}${candidate.slice(end)}`;
  }
  return candidate;
}
