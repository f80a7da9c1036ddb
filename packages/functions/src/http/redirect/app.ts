import { randomUUID } from "node:crypto";
import { Click } from "@sprida/core/click/redirect";
import { Log } from "@sprida/core/log";
import { type Context, Hono } from "hono";
import { getCookie } from "hono/cookie";
import { type ClientAddressSource, cloudFrontViewerAddress } from "../client-address";
import { logContext } from "../log-context";
import { securityHeaders } from "../security-headers";
import { NOT_FOUND_STYLE, notFoundPage, preferredLanguage } from "./not-found-page";

export interface RedirectAppOptions {
  /** The trusted client address: CloudFront-Viewer-Address on AWS, the socket locally. */
  clientAddress?: ClientAddressSource;
}

/** Every answer is for this one visitor and this moment (a click must reach us to count), not to index. */
function noStore(c: Context) {
  c.header("cache-control", "private, no-store");
  c.header("x-robots-tag", "noindex");
}

/**
 * On every answer (the 404 page's CSP allows its one style and nothing else). With
 * `no-referrer` the destination cannot see the tracked link (or its code) as the referrer.
 */
const redirectSecurityHeaders = securityHeaders({
  styles: [NOT_FOUND_STYLE],
  referrerPolicy: "no-referrer",
});

function notFound(c: Context) {
  noStore(c);
  return c.html(notFoundPage(preferredLanguage(c.req.header("accept-language"))), 404);
}

/**
 * `/r/{code}`: every method is answered (HEAD and OPTIONS too, recorded as bot), a known
 * link with a 302 to its stored destination, anything else with a 404 page and nothing
 * recorded. The client address is read from the trusted source only, and only to hash it.
 */
export function createRedirectApp(options: RedirectAppOptions = {}): Hono {
  const clientAddress = options.clientAddress ?? cloudFrontViewerAddress;
  const app = new Hono();
  app.use(logContext());
  app.use(redirectSecurityHeaders);
  app.all("/r/:code", async (c) => {
    const followed = await Click.follow({
      code: c.req.param("code"),
      method: c.req.method,
      address: clientAddress(c),
      userAgent: c.req.header("user-agent") ?? "",
      purpose: c.req.header("purpose"),
      secPurpose: c.req.header("sec-purpose"),
      referer: c.req.header("referer"),
      country: c.req.header("cloudfront-viewer-country"),
      selfCookie: getCookie(c, Click.SELF_COOKIE),
    });
    if (!followed) return notFound(c);
    noStore(c);
    return c.redirect(followed.location, 302);
  });
  app.notFound(notFound);
  app.onError((error, c) => {
    // The error never holds the address (it is hashed before anything can fail with it).
    const reference = Log.context().correlationId ?? randomUUID();
    Log.error("redirect failed", { reference, path: c.req.path, error });
    noStore(c);
    return c.text(`Something went wrong (reference ${reference}). Try the link again.`, 500);
  });
  return app;
}
