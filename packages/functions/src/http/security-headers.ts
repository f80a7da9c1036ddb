import { createHash } from "node:crypto";
import { secureHeaders } from "hono/secure-headers";

/** The CSP source that allows one inline `<style>` or `<script>` with exactly this text. */
export const cspHash = (text: string) =>
  `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

export interface PagePolicy {
  /** The text of each inline `<style>` the page has; allowed by hash, never 'unsafe-inline'. */
  styles?: readonly string[];
  /** The page posts forms to our own origin. */
  postsForms?: boolean;
  /** The page loads scripts from our own origin (never inline ones). */
  scriptsFromSelf?: boolean;
  /**
   * `same-origin` (the default) where a page posts forms: under `no-referrer` browsers send
   * `Origin: null` with a form's POST, which our CSRF check must refuse. A page that links
   * elsewhere, like the redirect's, uses `no-referrer`.
   */
  referrerPolicy?: "same-origin" | "no-referrer";
}

/**
 * Security headers for every response, set by the app itself so they hold locally and behind
 * any proxy, not only behind CloudFront. Without a page policy nothing may load, post or
 * frame (right for JSON, and a safe default for any page that forgets to declare its needs);
 * a page's own middleware, mounted closer to it, sets its policy first and this keeps it.
 * HSTS comes from CloudFront: locally the app is plain http, where browsers ignore it.
 */
export function securityHeaders(page: PagePolicy = {}) {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      ...(page.styles?.length ? { styleSrc: page.styles.map(cspHash) } : {}),
      ...(page.scriptsFromSelf ? { scriptSrc: ["'self'"] } : {}),
      formAction: [page.postsForms ? "'self'" : "'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    xFrameOptions: "DENY",
    referrerPolicy: page.referrerPolicy ?? "same-origin",
    strictTransportSecurity: false,
    // The innermost middleware (the page's) decides; outer ones only fill in what is missing.
    overwrite: false,
  });
}
