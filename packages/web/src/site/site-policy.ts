/**
 * How the built web app is served, the same by the local server and by S3 + CloudFront:
 * hashed files are kept for a year, the few files with fixed names never without asking.
 */

/**
 * Vite names every file it emits under `assets/` by its content's hash: those never change
 * and are kept for a year. The rest (index.html, sw.js, the manifest, icons, the pages'
 * hand-over script) keep their names from build to build, so browsers revalidate them.
 */
export const HASHED_DIRECTORY = "assets";

export const CACHE_FOREVER = "public, max-age=31536000, immutable";
export const CACHE_NEVER_STALE = "no-cache";

/** The Cache-Control of a file of the build, by its path from the build's root. */
export function cacheControlOf(path: string): string {
  return path.replace(/^\/+/, "").startsWith(`${HASHED_DIRECTORY}/`)
    ? CACHE_FOREVER
    : CACHE_NEVER_STALE;
}

/**
 * The hub's Content-Security-Policy. Scripts only from our origin; styles from our origin
 * plus the inline ones Mantine writes (its CSS variables, style props); images from anywhere
 * on https (content cards show the source's image); calls only to our own API.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * A path the app's router owns, answered with index.html: its last segment has no dot (the
 * rule of the CloudFront Function in infra/web-site.ts); `/sw.js` or `/.env` is a file.
 */
export const isAppRoute = (path: string) => !(path.split("/").pop() ?? "").includes(".");

export const CONTENT_TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  ico: "image/x-icon",
  json: "application/json",
  webmanifest: "application/manifest+json",
  woff2: "font/woff2",
  txt: "text/plain; charset=utf-8",
};
