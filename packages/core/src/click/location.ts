import { isOwnHost } from "../share/own-host.lean";

// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is what it tests
const ASCII = /^[\u0000-\u007f]*$/;

/**
 * The redirect target: the stored destination, plus the click id `sid` on the
 * organisation's own domains only (other sites get nothing that identifies the click). An
 * existing `sid` in the stored URL is replaced, the rest of the query is kept as written.
 *
 * A header carries bytes, not text: a destination stored with non-ASCII characters (an IDN
 * host, "/sök", an emoji) goes out in its WHATWG serialisation (punycode host,
 * percent-encoded UTF-8), which names the same resource; an ASCII one other than ours is
 * left byte for byte.
 */
export function locationFor(destination: string, ownDomains: readonly string[], sid: string) {
  const url = new URL(destination);
  if (!isOwnHost(url, ownDomains)) return ASCII.test(destination) ? destination : url.href;
  const pieces = url.search
    .slice(1)
    .split("&")
    .filter((piece) => piece !== "" && piece.split("=", 1)[0] !== "sid");
  pieces.push(`sid=${encodeURIComponent(sid)}`);
  url.search = pieces.join("&");
  return url.href;
}
