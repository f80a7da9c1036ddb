import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../error";
import { answer, type Handler, startServer, type TestServer } from "../fetch/test-support";
import { previewUrl, readPageMetadata } from "./page-metadata";

const PAGE_URL = "https://news.example.com/articles/2026/launch?ref=home";

const ALL_THREE = `<!doctype html>
<html lang="sv">
<head>
  <title>HTML title</title>
  <meta name="description" content="HTML description">
  <meta name="twitter:title" content="Twitter title">
  <meta name="twitter:description" content="Twitter description">
  <meta name="twitter:image" content="https://cdn.example.com/twitter.png">
  <meta property="og:title" content="OG title">
  <meta property="og:description" content="OG description">
  <meta property="og:image" content="https://cdn.example.com/og.png">
  <meta property="og:site_name" content="Example News">
  <meta property="og:url" content="https://news.example.com/og-url">
  <link rel="canonical" href="https://news.example.com/articles/launch">
</head>
<body><h1>Launch</h1></body>
</html>`;

describe("reading a page's metadata", () => {
  it("prefers Open Graph, then Twitter cards, then plain HTML", () => {
    expect(readPageMetadata(ALL_THREE, PAGE_URL)).toEqual({
      title: "OG title",
      description: "OG description",
      imageUrl: "https://cdn.example.com/og.png",
      canonicalUrl: "https://news.example.com/articles/launch",
      siteName: "Example News",
      language: "sv",
    });
    const withoutOg = ALL_THREE.replace(/<meta property="og:[^>]*>/g, "");
    expect(readPageMetadata(withoutOg, PAGE_URL)).toMatchObject({
      title: "Twitter title",
      description: "Twitter description",
      imageUrl: "https://cdn.example.com/twitter.png",
      siteName: null,
    });
    const plain = withoutOg.replace(/<meta name="twitter:[^>]*>/g, "");
    expect(readPageMetadata(plain, PAGE_URL)).toMatchObject({
      title: "HTML title",
      description: "HTML description",
      imageUrl: null,
    });
  });

  it("prefers <link rel=canonical> to og:url, and uses og:url when there is no link", () => {
    expect(readPageMetadata(ALL_THREE, PAGE_URL).canonicalUrl).toBe(
      "https://news.example.com/articles/launch",
    );
    const noLink = ALL_THREE.replace(/<link rel="canonical"[^>]*>/, "");
    expect(readPageMetadata(noLink, PAGE_URL).canonicalUrl).toBe("https://news.example.com/og-url");
  });

  it("resolves relative addresses against the page, or its <base href>", () => {
    const page = `<head>
      <meta property="og:image" content="../img/cover.jpg">
      <link rel="canonical" href="/articles/launch">
    </head>`;
    expect(readPageMetadata(page, PAGE_URL)).toMatchObject({
      imageUrl: "https://news.example.com/articles/img/cover.jpg",
      canonicalUrl: "https://news.example.com/articles/launch",
    });
    const withBase = `<head><base href="https://static.example.net/assets/">${page}</head>`;
    expect(readPageMetadata(withBase, PAGE_URL).imageUrl).toBe(
      "https://static.example.net/img/cover.jpg",
    );
  });

  it("keeps only http(s) addresses, falling through to the next source", () => {
    const page = `<head>
      <meta property="og:image" content="javascript:alert(1)">
      <meta name="twitter:image" content="data:image/png;base64,AAAA">
      <meta name="twitter:image:src" content="//cdn.example.com/ok.png">
      <link rel="canonical" href="javascript:alert(1)">
    </head>`;
    expect(readPageMetadata(page, PAGE_URL)).toMatchObject({
      imageUrl: "https://cdn.example.com/ok.png",
      canonicalUrl: null,
    });
  });

  it("decodes entities and collapses whitespace", () => {
    const page = `<html lang="en_gb"><head><title>
        Caf&eacute;   &amp;
        Bar &#8211; &quot;news&quot;&nbsp;&nbsp;today
      </title>
      <meta property="og:description" content="Line one&#10;&#10;line   two &lt;3">`;
    expect(readPageMetadata(page, PAGE_URL)).toMatchObject({
      title: 'Café & Bar – "news" today',
      description: "Line one line two <3",
      language: "en-GB",
    });
  });

  it("returns hostile markup as inert text: nothing in a title or description is interpreted", () => {
    const page = `<head>
      <title><script>alert(1)</script> &lt;img src=x onerror=alert(2)&gt;</title>
      <meta property="og:description" content="&lt;/textarea&gt;&lt;script&gt;alert(3)&lt;/script&gt;">
    </head>`;
    const metadata = readPageMetadata(page, PAGE_URL);
    // Text, exactly as the page wrote it: the UI escapes it, so it shows as these characters.
    expect(metadata.title).toBe("<script>alert(1)</script> <img src=x onerror=alert(2)>");
    expect(metadata.description).toBe("</textarea><script>alert(3)</script>");
  });

  it("ignores an SVG's <title> and takes the page's", () => {
    const page = `<html><body><svg><title>icon</title></svg></body></html>`;
    expect(readPageMetadata(page, PAGE_URL).title).toBeNull();
    const both = `<head><title>Real</title></head><body><svg><title>icon</title></svg></body>`;
    expect(readPageMetadata(both, PAGE_URL).title).toBe("Real");
  });

  it("caps the title at 300 and the description at 1000 characters", () => {
    const page = `<title>${"t".repeat(400)}</title><meta name="description" content="${"d".repeat(2000)}">`;
    const metadata = readPageMetadata(page, PAGE_URL);
    expect(Array.from(metadata.title ?? "")).toHaveLength(300);
    expect(metadata.title?.endsWith("…")).toBe(true);
    expect(Array.from(metadata.description ?? "")).toHaveLength(1000);
  });

  it("answers nulls for a page that says nothing, or for no HTML at all", () => {
    const nothing = {
      title: null,
      description: null,
      imageUrl: null,
      canonicalUrl: null,
      siteName: null,
      language: null,
    };
    expect(readPageMetadata("<html><body><p>hi</p></body></html>", PAGE_URL)).toEqual(nothing);
    expect(readPageMetadata("", PAGE_URL)).toEqual(nothing);
    expect(readPageMetadata('<html lang="not a language"><title>   </title>', PAGE_URL)).toEqual(
      nothing,
    );
  });
});

describe("previewing an address", () => {
  let site: TestServer;
  let allow: { allow: { hosts: string[] } };
  const routes: Record<string, Handler> = {
    "/article": answer(200, { "content-type": "text/html; charset=utf-8" }, ALL_THREE),
    "/latin1": answer(
      200,
      { "content-type": "text/html" },
      Buffer.from('<meta charset="iso-8859-1"><title>Smörgåsbord</title>', "latin1"),
    ),
    "/moved": answer(301, { location: "/article" }),
    "/gone": answer(404, { "content-type": "text/html" }, "<title>Not found</title>"),
    "/report.pdf": answer(200, { "content-type": "application/pdf" }, "%PDF-1.7"),
    "/huge": answer(
      200,
      { "content-type": "text/html" },
      `<head><title>Big page</title></head><body>${"x".repeat(5000)}</body>`,
    ),
    "/hang": () => {},
  };

  beforeAll(async () => {
    site = await startServer((request, response) =>
      (routes[request.url ?? ""] ?? answer(404, {}))(request, response),
    );
    allow = { allow: { hosts: [site.hostPort] } };
  });
  afterAll(() => site.close());

  it("reads a page's metadata, following redirects to its final address", async () => {
    const preview = await previewUrl(`${site.origin}/moved`, allow);
    expect(preview).toEqual({
      ok: true,
      finalUrl: `${site.origin}/article`,
      title: "OG title",
      description: "OG description",
      imageUrl: "https://cdn.example.com/og.png",
      canonicalUrl: "https://news.example.com/articles/launch",
      siteName: "Example News",
      language: "sv",
    });
    expect(site.requests.at(-1)?.headers.accept).toMatch(/^text\/html/);
  });

  it("decodes a page in the character set it declares", async () => {
    const preview = await previewUrl(`${site.origin}/latin1`, allow);
    expect(preview).toMatchObject({ ok: true, title: "Smörgåsbord" });
  });

  it("reads the start of a page larger than the limit", async () => {
    const preview = await previewUrl(`${site.origin}/huge`, { ...allow, maxBytes: 1000 });
    expect(preview).toMatchObject({ ok: true, title: "Big page" });
  });

  it("says a 404 page cannot be read, so the admin can enter the details by hand", async () => {
    expect(await previewUrl(`${site.origin}/gone`, allow)).toEqual({
      ok: false,
      message:
        "Sprida could not read that page: it answered 404 (Not Found). Enter the details by hand.",
    });
  });

  it("says a PDF is not a web page", async () => {
    expect(await previewUrl(`${site.origin}/report.pdf`, allow)).toEqual({
      ok: false,
      message:
        "That address is a PDF document, not a web page, so there is nothing to fill in from. Enter the details by hand.",
    });
  });

  it("says a page that does not answer in time cannot be read", async () => {
    const preview = await previewUrl(`${site.origin}/hang`, { ...allow, timeoutMs: 200 });
    expect(preview).toEqual({
      ok: false,
      message: `Sprida could not read that page: ${site.hostPort} did not answer within 0.2 seconds. Enter the details by hand.`,
    });
  });

  it("throws for an address Sprida refuses: it is the admin's input, not an unreadable page", async () => {
    for (const url of [
      `${site.origin}/article`,
      "javascript:alert(1)",
      "http://169.254.169.254/",
    ]) {
      const error = await previewUrl(url).catch((caught: unknown) => caught);
      expect(error, url).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("url_refused");
    }
  });
});
