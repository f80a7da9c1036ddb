import { describe, expect, test } from "vitest";
import { SPA_FALLBACK_CODE } from "../../infra/web-site";

/**
 * The CloudFront Function in front of the web bucket (infra/web-site.ts), run as CloudFront
 * would: its code string, handed a viewer-request event.
 */

type Request = { uri: string; method: string; querystring: Record<string, unknown> };

const handler = new Function(`${SPA_FALLBACK_CODE}\nreturn handler;`)() as (event: {
  request: Request;
}) => Request;

const rewrite = (uri: string) => handler({ request: { uri, method: "GET", querystring: {} } }).uri;

describe("the SPA fallback", () => {
  test.each([
    ["/", "/index.html"],
    ["/feed", "/index.html"],
    ["/me/data", "/index.html"],
    ["/feed/", "/index.html"],
  ])("serves the app's entry for the client-side route %s", (uri, expected) => {
    expect(rewrite(uri)).toBe(expected);
  });

  test.each(["/assets/index-abc.js", "/manifest.webmanifest", "/sw.js", "/index.html"])(
    "asks S3 for the file %s as it is",
    (uri) => {
      expect(rewrite(uri)).toBe(uri);
    },
  );

  test("looks only at the last segment: a dot in a folder name is still a route", () => {
    expect(rewrite("/v1.2/feed")).toBe("/index.html");
  });

  test("keeps the rest of the request (method, query string) as it came", () => {
    const request = { uri: "/feed", method: "GET", querystring: { tab: { value: "new" } } };
    expect(handler({ request })).toEqual({ ...request, uri: "/index.html" });
  });
});
