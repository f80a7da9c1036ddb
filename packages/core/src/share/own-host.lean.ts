const withoutTrailingDot = (host: string) => (host.endsWith(".") ? host.slice(0, -1) : host);

/**
 * Whether a URL's host is one of the organisation's domains or a subdomain of one:
 * www.example.com and shop.example.com count for example.com (an organisation's site
 * rarely lives on the bare domain alone), example.com.evil.net and notexample.com do not.
 * The port plays no part. `ownDomains` must already be normalised (see `OwnDomain`).
 */
export function isOwnHost(url: URL, ownDomains: readonly string[]): boolean {
  const host = withoutTrailingDot(url.hostname);
  return ownDomains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}
