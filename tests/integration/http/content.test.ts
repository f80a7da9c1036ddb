import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Content } from "@sprida/core/content";
import { createApp } from "@sprida/functions/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient, type TestResponse } from "../../helpers/http";
import { type SeededOrg, seedOrganisation } from "../../helpers/identity";
import { provideTestRuntime, type RecordingPublisher } from "../../helpers/runtime";

type ContentView = {
  contentId: string;
  title: string;
  summary: string;
  url: string;
  imageUrl?: string;
  topics: string[];
  language: string;
  status: string;
  source: string;
  createdBy: string;
  awaitingApproval: boolean;
  publishedAt?: string;
};
type Preview =
  | {
      ok: true;
      title: string | null;
      description: string | null;
      imageUrl: string | null;
      canonicalUrl: string | null;
      siteName: string | null;
      language: string | null;
    }
  | { ok: false; message: string };

const ARTICLE = `<!doctype html>
<html lang="en-GB">
<head>
  <title>Plain title</title>
  <meta property="og:title" content="Faster builds &amp; &lt;b&gt;happier&lt;/b&gt; teams">
  <meta property="og:description" content="How the platform team halved its build times.">
  <meta property="og:image" content="/images/builds.png">
  <meta property="og:site_name" content="Acme Engineering">
  <link rel="canonical" href="https://acme.example/blog/builds">
</head>
<body><p>Hello</p></body>
</html>`;

/** A local site: an article with Open Graph tags, a missing page, a redirect elsewhere. */
async function startLocalSite(): Promise<{ server: Server; host: string }> {
  const server = createServer((request, response) => {
    if (request.url === "/article") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(ARTICLE);
    } else if (request.url === "/redirect-to-loopback") {
      // Port 9 on loopback: not on the allowlist, so the redirect must be refused.
      response.writeHead(302, { location: "http://127.0.0.1:9/secret" });
      response.end();
    } else {
      response.writeHead(404, { "content-type": "text/html" });
      response.end("<h1>Not here</h1>");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, host: `127.0.0.1:${port}` };
}

/** The real app, with a fixed client address of its own (its own rate-limit bucket). */
function contentApp() {
  return createApp({ clientAddress: () => "198.51.100.9" });
}

const article = (overrides: Record<string, unknown> = {}) => ({
  title: "Our product launch",
  summary: "What is new this autumn.",
  url: "https://acme.example/launch",
  language: "en",
  topics: ["product"],
  ...overrides,
});

const libraryOf = async (org: SeededOrg) =>
  JSON.stringify((await Content.list(org.orgId, { limit: 100 })).items);

function expectError(response: TestResponse, status: number, code?: string) {
  expect(response.status, response.text).toBe(status);
  expect(response.body).toMatchObject({
    error: { code: code ?? expect.any(String), message: expect.any(String) },
  });
}

/**
 * The content library over HTTP: add by URL from a local page, manual entry when a page
 * cannot be read, refused addresses, bad input, suggestions and approval, curators' topics,
 * roles and isolation between organisations.
 */
describe("the content library over HTTP", () => {
  const app = contentApp();
  let site: { server: Server; host: string };
  let publisher: RecordingPublisher;
  let org: SeededOrg;
  let other: SeededOrg;
  let admin: TestClient;
  let curator: TestClient;
  let member: TestClient;

  beforeAll(async () => {
    site = await startLocalSite();
    ({ publisher } = provideTestRuntime({ fetchAllowlist: [site.host] }));
    org = await seedOrganisation("Library");
    other = await seedOrganisation("Elsewhere");
    admin = new TestClient(app, org.admin.sessionToken);
    curator = new TestClient(app, org.curator.sessionToken);
    member = new TestClient(app, org.member.sessionToken);
  });
  afterAll(async () => {
    await new Promise((resolve) => site?.server.close(resolve));
  });

  it("adds an item by URL from a page, creates it with the page's details and publishes it", async () => {
    // Act: preview the page
    const preview = await admin.post("/api/content/preview", {
      json: { url: `http://${site.host}/article` },
    });

    // Assess: Open Graph wins, entities are decoded to text (never markup), addresses absolute
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body).toEqual({
      ok: true,
      title: "Faster builds & <b>happier</b> teams",
      description: "How the platform team halved its build times.",
      imageUrl: `http://${site.host}/images/builds.png`,
      canonicalUrl: "https://acme.example/blog/builds",
      siteName: "Acme Engineering",
      language: "en-GB",
    });
    const page = preview.body as Extract<Preview, { ok: true }>;

    // Act: create from the preview, then publish
    const created = await admin.post("/api/content", {
      json: article({
        title: page.title,
        summary: page.description,
        url: page.canonicalUrl,
        imageUrl: page.imageUrl,
      }),
    });
    expect(created.status, created.text).toBe(201);
    const draft = created.body as ContentView;
    expect(draft).toMatchObject({
      title: "Faster builds & <b>happier</b> teams",
      url: "https://acme.example/blog/builds",
      status: "draft",
      source: "admin",
      createdBy: org.admin.memberId,
      awaitingApproval: false,
    });
    expect(draft).not.toHaveProperty("orgId");

    const published = await admin.post(`/api/content/${draft.contentId}/publish`);

    // Assess: published, in the library's published list, and announced
    expect(published.status, published.text).toBe(200);
    expect(published.body).toMatchObject({ status: "published", publishedAt: expect.any(String) });
    const list = await curator.get("/api/content?status=published");
    expect(list.status, list.text).toBe(200);
    const items = (list.body as { items: ContentView[] }).items;
    expect(items.map((item) => item.contentId)).toContain(draft.contentId);
    expect(items.every((item) => item.status === "published")).toBe(true);
    const one = await curator.get(`/api/content/${draft.contentId}`);
    expect(one.body).toMatchObject({ contentId: draft.contentId, status: "published" });
    expect(
      publisher.published.some(
        (event) =>
          event.detailType === "content.published" &&
          JSON.stringify(event.detail).includes(draft.contentId),
      ),
    ).toBe(true);
  });

  it("answers a page that cannot be read with ok:false and a message, and manual entry still works", async () => {
    // Act
    const preview = await curator.post("/api/content/preview", {
      json: { url: `http://${site.host}/gone` },
    });

    // Assess
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body).toEqual({ ok: false, message: expect.stringMatching(/by hand/) });

    // Act: the curator enters the details by hand
    const created = await curator.post("/api/content", {
      json: article({ title: "Entered by hand", url: `http://${site.host}/gone` }),
    });

    // Assess
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ title: "Entered by hand", source: "curator" });
  });

  it("refuses private addresses that are not allowlisted, also after a redirect (400 url_refused)", async () => {
    for (const url of [
      "http://127.0.0.1:9/",
      "http://10.0.0.1/admin",
      "http://169.254.169.254/latest/meta-data/",
      `http://${site.host}/redirect-to-loopback`,
    ]) {
      const response = await admin.post("/api/content/preview", { json: { url } });
      expectError(response, 400, "url_refused");
    }
  });

  it("refuses invalid, javascript: and data: URLs, oversized text and unknown fields, and writes nothing", async () => {
    // Prepare
    const before = await libraryOf(org);
    const badUrls = [
      "not a url",
      "javascript:alert(1)",
      "data:text/html,<b>hi</b>",
      "ftp://x.example/",
    ];

    // Act and assess
    for (const url of badUrls) {
      expectError(await admin.post("/api/content/preview", { json: { url } }), 400);
      expectError(await admin.post("/api/content", { json: article({ url }) }), 400);
      expectError(await member.post("/api/content/suggestions", { json: { url } }), 400);
    }
    for (const body of [
      article({ title: "x".repeat(301) }),
      article({ summary: "x".repeat(1_001) }),
      article({ topics: Array.from({ length: 11 }, (_, i) => `t${i}`) }),
      article({ imageUrl: "javascript:alert(1)" }),
      article({ orgId: other.orgId }),
      article({ status: "published" }),
    ]) {
      expectError(await admin.post("/api/content", { json: body }), 400);
    }
    expectError(
      await member.post("/api/content/suggestions", {
        json: { url: "https://acme.example/x", awaitingApproval: false },
      }),
      400,
    );
    expectError(
      await admin.post("/api/content/preview", {
        json: { url: "https://acme.example/x", fetchAllowlist: ["*"] },
      }),
      400,
    );
    expectError(await admin.get("/api/content?limit=0"), 400);
    expectError(await admin.get("/api/content?awaitingApproval=yes"), 400);
    expectError(await admin.get("/api/content?orgId=x"), 400);

    // Assess
    expect(await libraryOf(org)).toBe(before);
  });

  it("refuses a body that is not UTF-8 and text with control characters, and writes nothing", async () => {
    // Prepare: {"a":"<0xFF>"}, a byte no UTF-8 text contains
    const before = await libraryOf(org);
    const notUtf8 = Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]);
    // A valid create request but for one byte of its title (a Latin-1 "ÿ"): it was once
    // stored as "Launch \uFFFD day".
    const titleWithByte = new TextEncoder().encode(
      JSON.stringify(article({ title: "Launch # day" })),
    );
    titleWithByte[titleWithByte.indexOf(0x23)] = 0xff;

    // Act and assess: the decoder's fatal mode, not a silent U+FFFD
    expectError(await admin.post("/api/content", { bytes: notUtf8 }), 400, "invalid_utf8");
    expectError(await admin.post("/api/content", { bytes: titleWithByte }), 400, "invalid_utf8");
    for (const [title, problem] of [
      ["Launch\u0000day", /control character \(U\+0000\)/],
      ["Invoice \u202Efdp.exe", /bidirectional control character \(U\+202E\)/],
      ["\u200B", /must contain a visible character/],
      ["Launch \uFFFD day", /lost in decoding/],
    ] as const) {
      const response = await admin.post("/api/content", { json: article({ title }) });
      expectError(response, 400, "invalid_request");
      expect(JSON.stringify(response.body)).toMatch(problem);
    }

    // Assess
    expect(await libraryOf(org)).toBe(before);
  });

  it("stores a decomposed title composed (NFC), and keeps emoji sequences and åäö", async () => {
    // Act
    const created = await admin.post("/api/content", {
      json: article({ title: "Cafe\u0301 på Åre 👩‍💻", summary: "Rad ett\r\nrad två" }),
    });

    // Assess
    expect(created.status, created.text).toBe(201);
    const item = created.body as ContentView;
    expect(item.title).toBe("Caf\u00e9 på Åre 👩‍💻");
    expect(item.summary).toBe("Rad ett\nrad två");
    const stored = await admin.get(`/api/content/${item.contentId}`);
    expect((stored.body as ContentView).title).toBe("Café på Åre 👩‍💻");
  });

  it("takes a member's suggestion to the curators as a draft awaiting approval, and an admin approves it", async () => {
    // Act: the member suggests
    const suggested = await member.post("/api/content/suggestions", {
      json: { url: "https://news.example/great-read", title: "A great read", topics: ["product"] },
    });

    // Assess
    expect(suggested.status, suggested.text).toBe(201);
    const suggestion = suggested.body as ContentView;
    expect(suggestion).toMatchObject({
      status: "draft",
      awaitingApproval: true,
      source: "member_suggestion",
      createdBy: org.member.memberId,
    });

    // Act: a curator sees it among the items awaiting approval
    const waiting = await curator.get("/api/content?awaitingApproval=true&limit=100");
    expect(waiting.status, waiting.text).toBe(200);
    const waitingItems = (waiting.body as { items: ContentView[] }).items;
    expect(waitingItems.map((item) => item.contentId)).toContain(suggestion.contentId);
    expect(waitingItems.every((item) => item.awaitingApproval)).toBe(true);

    // Act: approving is the admin's (the curator is refused by the route)
    expectError(
      await curator.post(`/api/content/${suggestion.contentId}/approve`),
      403,
      "forbidden",
    );
    const approved = await admin.post(`/api/content/${suggestion.contentId}/approve`);

    // Assess
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({ status: "published", awaitingApproval: false });
    const again = await admin.post(`/api/content/${suggestion.contentId}/approve`);
    expectError(again, 409, "not_awaiting_approval");
  });

  it("lets a curator manage its own topics only (403 outside them, nothing changed)", async () => {
    // Prepare: an admin's item outside the curator's topics, and one of the curator's own
    const finance = (
      await admin.post("/api/content", {
        json: article({ title: "Quarterly numbers", topics: ["finance"] }),
      })
    ).body as ContentView;
    const own = (await curator.post("/api/content", { json: article({ title: "Own item" }) }))
      .body as ContentView;
    const before = await libraryOf(org);

    // Act and assess
    expectError(
      await curator.patch(`/api/content/${finance.contentId}`, { json: { title: "Mine now" } }),
      403,
      "outside_topics",
    );
    expectError(
      await curator.patch(`/api/content/${own.contentId}`, { json: { topics: ["finance"] } }),
      403,
      "outside_topics",
    );
    expectError(
      await curator.post(`/api/content/${finance.contentId}/publish`),
      403,
      "outside_topics",
    );
    expectError(
      await curator.post(`/api/content/${finance.contentId}/archive`),
      403,
      "outside_topics",
    );
    expectError(
      await curator.post("/api/content", { json: article({ topics: ["finance"] }) }),
      403,
      "outside_topics",
    );
    expect(await libraryOf(org)).toBe(before);

    // Act: within its topics the curator edits and archives
    const edited = await curator.patch(`/api/content/${own.contentId}`, {
      json: { title: "Own item, edited", imageUrl: "https://acme.example/i.png" },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({
      title: "Own item, edited",
      imageUrl: "https://acme.example/i.png",
    });
    const cleared = await curator.patch(`/api/content/${own.contentId}`, {
      json: { imageUrl: null },
    });
    expect(cleared.body).not.toHaveProperty("imageUrl");
    const archived = await curator.post(`/api/content/${own.contentId}/archive`);
    expect(archived.body).toMatchObject({ status: "archived" });
  });

  it("refuses members the library (403) and writes nothing", async () => {
    const before = await libraryOf(org);
    expectError(await member.post("/api/content", { json: article() }), 403, "forbidden");
    expectError(await member.get("/api/content"), 403, "forbidden");
    expectError(
      await member.post("/api/content/preview", { json: { url: `http://${site.host}/article` } }),
      403,
      "forbidden",
    );
    expectError(await new TestClient(app).get("/api/content"), 401, "unauthenticated");
    expect(await libraryOf(org)).toBe(before);
  });

  it("pages through the library with a cursor", async () => {
    const first = await admin.get("/api/content?limit=1");
    expect(first.status, first.text).toBe(200);
    const page = first.body as { items: ContentView[]; cursor: string | null };
    expect(page.items).toHaveLength(1);
    expect(page.cursor).toEqual(expect.any(String));
    const second = await admin.get(
      `/api/content?limit=1&cursor=${encodeURIComponent(page.cursor ?? "")}`,
    );
    expect(second.status, second.text).toBe(200);
    const next = (second.body as { items: ContentView[] }).items;
    expect(next).toHaveLength(1);
    expect(next[0]?.contentId).not.toBe(page.items[0]?.contentId);
    expectError(await admin.get("/api/content?cursor=garbage"), 400, "invalid_cursor");
  });

  it("answers another organisation's content ids with 404 and changes nothing there", async () => {
    // Prepare: an item in this organisation; the other organisation's owner tries it
    const mine = (await admin.post("/api/content", { json: article({ title: "Ours alone" }) }))
      .body as ContentView;
    const suggestion = (
      await member.post("/api/content/suggestions", {
        json: { url: "https://news.example/ours" },
      })
    ).body as ContentView;
    const before = await libraryOf(org);
    const stranger = new TestClient(app, other.owner.sessionToken);

    // Act and assess
    for (const response of [
      await stranger.get(`/api/content/${mine.contentId}`),
      await stranger.patch(`/api/content/${mine.contentId}`, { json: { title: "Taken" } }),
      await stranger.post(`/api/content/${mine.contentId}/publish`),
      await stranger.post(`/api/content/${mine.contentId}/archive`),
      await stranger.post(`/api/content/${suggestion.contentId}/approve`),
    ]) {
      expectError(response, 404, "content_not_found");
      expect(response.text).not.toContain(org.orgId);
      expect(response.text).not.toContain("Ours alone");
    }
    const theirs = await stranger.get("/api/content?limit=100");
    expect(theirs.text).not.toContain(mine.contentId);
    expect(await libraryOf(org)).toBe(before);
  });
});
