import { isOwnHost } from "../share/destination";

/**
 * The redirect target: the stored destination, plus the click id `sid` on the
 * organisation's own domains only (other sites get nothing that identifies the click). An
 * existing `sid` in the stored URL is replaced, the rest of the query is kept as written.
 */
export function locationFor(destination: string, ownDomains: readonly string[], sid: string) {
  const url = new URL(destination);
  if (!isOwnHost(url, ownDomains)) return destination;
  const pieces = url.search
    .slice(1)
    .split("&")
    .filter((piece) => piece !== "" && piece.split("=", 1)[0] !== "sid");
  pieces.push(`sid=${encodeURIComponent(sid)}`);
  url.search = pieces.join("&");
  return url.href;
}
