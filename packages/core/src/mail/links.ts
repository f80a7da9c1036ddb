/** An absolute http(s) link on `origin`; the origin's own path, query and fragment are dropped. */
export function buildLink(
  origin: string,
  path: string,
  query: Record<string, string> = {},
): string {
  const base = new URL(origin);
  if ((base.protocol !== "https:" && base.protocol !== "http:") || base.username || base.password) {
    throw new Error(`A public origin must be a plain http(s) origin, not "${origin}"`);
  }
  if (!path.startsWith("/") || path.startsWith("//")) {
    throw new Error(`A link path must start with a single "/", not "${path}"`);
  }
  const url = new URL(path, base.origin);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.href;
}
