import { isIP } from "node:net";

/**
 * Where the click came from, as a host only ("www.linkedin.com", "com.linkedin.android"):
 * never a path or query, which can carry a person's identifiers. A host that is an IP
 * address is dropped too (an intranet page's address says more about the visitor than about
 * a network). Absent when the header is missing or not a URL.
 */
export function referrerHost(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host) || host.length > 253) return undefined;
  if (isIP(host) !== 0) return undefined;
  return host;
}
