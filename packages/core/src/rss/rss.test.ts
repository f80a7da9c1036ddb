import { randomUUID } from "node:crypto";
import { provideTestRuntime, type RecordingPublisher } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Audit } from "../audit";
import { Content } from "../content";
import { activeCurator } from "../content/test-support";
import { DomainError } from "../error";
import { answer, type Handler, startServer, type TestServer } from "../fetch/test-support";
import { testClock } from "../member/test-support";
import type { Info as Organisation } from "../org";
import { Rss } from ".";

const HOUR = 60 * 60 * 1000;

const rss = (items: { path: string; title: string }[], origin = "https://news.example.com") =>
  `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>Acme news</title>
    <link>${origin}/</link>
    ${items
      .map(
        (item) => `<item>
      <title>${item.title}</title>
      <link>${origin}${item.path}</link>
      <description>&lt;p&gt;About ${item.title}&lt;/p&gt;</description>
      <media:content url="/img${item.path.split("?")[0]}.jpg" medium="image" />
    </item>`,
      )
      .join("\n")}
  </channel>
</rss>`;

const atom = (items: { path: string; title: string }[]) =>
  `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Engineering at Acme</title>
  <id>urn:uuid:${randomUUID()}</id>
  <updated>2026-03-09T18:30:02Z</updated>
  ${items
    .map(
      (item) => `<entry>
    <title>${item.title}</title>
    <link rel="alternate" href="https://eng.example.com${item.path}"/>
    <id>urn:uuid:${randomUUID()}</id>
    <updated>2026-03-09T18:30:02Z</updated>
    <summary>Summary of ${item.title}</summary>
  </entry>`,
    )
    .join("\n")}
</feed>`;

async function refused(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DomainError)) throw new Error(`Expected a DomainError, got ${error}`);
  return error;
}

describe("RSS and Atom feeds", () => {
  const clock = testClock("2026-03-10T09:00:00.000Z");
  let publisher: RecordingPublisher;
  let site: TestServer;
  /** Listens on 127.0.0.1 too, but is never allowlisted. */
  let privateSite: TestServer;
  /** What each path answers; tests change it between imports. */
  const routes = new Map<string, Handler>();
  const serve = (path: string, body: string, type = "application/rss+xml; charset=utf-8") => {
    routes.set(path, answer(200, { "content-type": type }, body));
    return `${site.origin}${path}`;
  };

  beforeAll(async () => {
    site = await startServer((request, response) =>
      (routes.get(request.url ?? "") ?? answer(404, { "content-type": "text/plain" }, "no"))(
        request,
        response,
      ),
    );
    privateSite = await startServer(
      answer(200, { "content-type": "application/rss+xml" }, rss([])),
    );
    publisher = provideTestRuntime({ now: clock.now, fetchAllowlist: [site.hostPort] }).publisher;
  });
  afterAll(async () => {
    await site.close();
    await privateSite.close();
  });

  async function library(locale: "en" | "sv" = "en") {
    const org = await newOrganisation({ locale });
    const admin = await activeMember(org, newEmail(), "admin");
    return { org, admin };
  }

  const contentOf = async (org: Organisation) => (await Content.list(org.orgId)).items;

  it("adds a feed after reading it once, storing its title and no import yet", async () => {
    const { org, admin } = await library();
    const url = serve(`/add-${randomUUID()}.xml`, rss([{ path: "/a", title: "A" }]));
    clock.advance(1000);
    const feed = await Rss.addFeed(admin, { url, topic: "news" });
    expect(feed).toEqual({
      orgId: org.orgId,
      feedId: expect.any(String),
      url,
      topic: "news",
      autoPublish: false,
      title: "Acme news",
      createdBy: admin.memberId,
      createdAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
    });
    expect(await Rss.listFeeds(org.orgId)).toEqual([feed]);
    expect(await contentOf(org)).toEqual([]);
    const { entries } = await Audit.list(org.orgId, { limit: 1 });
    expect(entries[0]).toMatchObject({ action: "rss.feed_added", actorMemberId: admin.memberId });
    expect((await refused(Rss.addFeed(admin, { url, topic: "other" }))).code).toBe("feed_exists");
  });

  it("refuses a feed that cannot be read with the fetcher's message, storing nothing", async () => {
    const { org, admin } = await library();
    const page = serve(`/page-${randomUUID()}`, "<!doctype html><title>Blog</title>", "text/html");
    const error = await refused(Rss.addFeed(admin, { url: page, topic: "news" }));
    expect(error).toMatchObject({ kind: "invalid", code: "feed_not_xml" });
    expect(error.message).toMatch(/^That address is a web page, not an RSS or Atom feed\./);
    const missing = await refused(
      Rss.addFeed(admin, { url: `${site.origin}/missing.xml`, topic: "news" }),
    );
    expect(missing.message).toBe("The feed address answered 404 (Not Found)");
    expect(await Rss.listFeeds(org.orgId)).toEqual([]);
  });

  it("refuses a private address that is not allowlisted, and javascript: URLs", async () => {
    const { org, admin } = await library();
    const error = await refused(
      Rss.addFeed(admin, { url: `${privateSite.origin}/feed.xml`, topic: "news" }),
    );
    expect(error).toMatchObject({ kind: "invalid", code: "url_refused" });
    expect(privateSite.requests).toHaveLength(0);
    const script = await refused(Rss.addFeed(admin, { url: "javascript:alert(1)", topic: "news" }));
    expect(script.kind).toBe("invalid");
    expect(await Rss.listFeeds(org.orgId)).toEqual([]);
  });

  it("lets curators manage feeds of their topics only, and members none", async () => {
    const { org, admin } = await library();
    const url = serve(`/curated-${randomUUID()}.xml`, rss([{ path: "/c", title: "C" }]));
    const curator = await activeCurator(org, ["engineering"]);
    const outside = await refused(Rss.addFeed(curator, { url, topic: "sales" }));
    expect(outside).toMatchObject({ kind: "forbidden", code: "outside_topics" });
    const member = await activeMember(org, newEmail());
    expect((await refused(Rss.addFeed(member, { url, topic: "sales" }))).code).toBe(
      "curator_required",
    );
    expect(await Rss.listFeeds(org.orgId)).toEqual([]);

    const own = await Rss.addFeed(curator, { url, topic: "engineering" });
    const sales = await Rss.addFeed(admin, {
      url: serve(`/sales-${randomUUID()}.xml`, rss([])),
      topic: "sales",
    });
    for (const attempt of [
      () => Rss.updateFeed(curator, sales.feedId, { autoPublish: true }),
      () => Rss.removeFeed(curator, sales.feedId),
      () => Rss.fetchNow(curator, sales.feedId),
      () => Rss.updateFeed(curator, own.feedId, { topic: "sales" }),
    ]) {
      expect((await refused(attempt())).code).toBe("outside_topics");
    }
    const fetched = await Rss.fetchNow(curator, own.feedId);
    expect(fetched).toMatchObject({ created: 1 });
    await Rss.removeFeed(curator, own.feedId);
    expect((await Rss.listFeeds(org.orgId)).map((feed) => feed.feedId)).toEqual([sales.feedId]);
    expect((await refused(Rss.fetchNow(admin, own.feedId))).code).toBe("feed_not_found");
  });

  it("keeps auto-publishing for admins when curators' items need approval", async () => {
    const { org, admin } = await library();
    const { Org } = await import("../org");
    await Org.update(org.orgId, { settings: { curatorsNeedApproval: true } });
    const curator = await activeCurator(org, ["engineering"]);
    const url = serve(`/approval-${randomUUID()}.xml`, rss([]));
    expect(
      (await refused(Rss.addFeed(curator, { url, topic: "engineering", autoPublish: true }))).code,
    ).toBe("admin_approval_required");
    const feed = await Rss.addFeed(curator, { url, topic: "engineering" });
    expect((await refused(Rss.updateFeed(curator, feed.feedId, { autoPublish: true }))).code).toBe(
      "admin_approval_required",
    );
    expect(await Rss.updateFeed(admin, feed.feedId, { autoPublish: true })).toMatchObject({
      autoPublish: true,
    });
  });

  it("imports new items as drafts in the organisation's language, and nothing twice", async () => {
    const { org, admin } = await library("sv");
    const path = `/import-${randomUUID()}.xml`;
    const url = serve(
      path,
      rss([
        { path: "/posts/one?utm_source=rss&amp;utm_medium=feed", title: "One" },
        { path: "/posts/two", title: "Two" },
      ]),
    );
    const feed = await Rss.addFeed(admin, { url, topic: "news" });
    clock.advance(1000);
    const first = await Rss.importFeed(org.orgId, feed.feedId);
    expect(first).toEqual({ feedId: feed.feedId, items: 2, created: 2, published: 0, skipped: 0 });
    const drafts = await contentOf(org);
    expect(drafts).toHaveLength(2);
    const one = drafts.find((item) => item.title === "One");
    expect(one).toMatchObject({
      orgId: org.orgId,
      kind: "external",
      title: "One",
      summary: "About One",
      url: "https://news.example.com/posts/one?utm_source=rss&utm_medium=feed",
      imageUrl: "https://news.example.com/img/posts/one.jpg",
      topics: ["news"],
      language: "sv",
      status: "draft",
      source: "rss",
      createdBy: "system",
      awaitingApproval: false,
      suggestedTexts: [],
    });
    expect(await Rss.getFeed(org.orgId, feed.feedId)).toMatchObject({
      lastFetchedAt: clock.now().toISOString(),
    });

    // The same posts with other utm parameters, and one new post.
    serve(
      path,
      rss([
        { path: "/posts/one?utm_source=newsletter&amp;utm_campaign=spring", title: "One again" },
        { path: "/posts/two#comments", title: "Two again" },
        { path: "/posts/three", title: "Three" },
      ]),
    );
    clock.advance(1000);
    const second = await Rss.importFeed(org.orgId, feed.feedId);
    expect(second).toMatchObject({ items: 3, created: 1, skipped: 2 });
    const third = await Rss.importFeed(org.orgId, feed.feedId);
    expect(third).toMatchObject({ created: 0, skipped: 3 });
    expect((await contentOf(org)).map((item) => item.title).sort()).toEqual([
      "One",
      "Three",
      "Two",
    ]);
    const publishedHere = publisher.published.filter(
      (event) =>
        event.detailType === "content.published" && event.detail.metadata.orgId === org.orgId,
    );
    expect(publishedHere).toEqual([]);
  });

  it("deduplicates across the organisation's feeds, not across organisations", async () => {
    const { org, admin } = await library();
    const items = [{ path: `/shared-${randomUUID()}`, title: "Shared" }];
    const feedA = await Rss.addFeed(admin, {
      url: serve(`/a-${randomUUID()}`, rss(items)),
      topic: "a",
    });
    const feedB = await Rss.addFeed(admin, {
      url: serve(`/b-${randomUUID()}`, rss(items)),
      topic: "b",
    });
    expect((await Rss.importFeed(org.orgId, feedA.feedId)).created).toBe(1);
    expect((await Rss.importFeed(org.orgId, feedB.feedId)).skipped).toBe(1);
    const other = await library();
    const feedC = await Rss.addFeed(other.admin, {
      url: serve(`/c-${randomUUID()}`, rss(items)),
      topic: "a",
    });
    expect((await Rss.importFeed(other.org.orgId, feedC.feedId)).created).toBe(1);
    expect(await contentOf(org)).toHaveLength(1);
    expect(await contentOf(other.org)).toHaveLength(1);
  });

  it("reads Atom feeds too", async () => {
    const { org, admin } = await library();
    const url = serve(
      `/atom-${randomUUID()}.xml`,
      atom([{ path: "/2026/atom-one", title: "Atom one" }]),
      "application/atom+xml",
    );
    const feed = await Rss.addFeed(admin, { url, topic: "engineering" });
    expect(feed.title).toBe("Engineering at Acme");
    expect(await Rss.importFeed(org.orgId, feed.feedId)).toMatchObject({ created: 1 });
    expect(await contentOf(org)).toMatchObject([
      {
        title: "Atom one",
        summary: "Summary of Atom one",
        url: "https://eng.example.com/2026/atom-one",
        topics: ["engineering"],
      },
    ]);
  });

  it("cleans third-party titles instead of refusing them: one bad item does not fail the import", async () => {
    const { org, admin } = await library();
    const url = serve(
      `/messy-${randomUUID()}.xml`,
      rss([
        { path: "/bidi", title: "Invoice &#x202E;fdp.exe&#x202C; \uFFFD ready" },
        { path: "/nfd", title: "Cafe\u0301 news" },
        { path: "/invisible", title: "\u200B\u200D&#xFEFF;" },
      ]),
    );
    const feed = await Rss.addFeed(admin, { url, topic: "news" });

    const result = await Rss.importFeed(org.orgId, feed.feedId);

    expect(result).toMatchObject({ items: 3, created: 3, skipped: 0 });
    expect(result.error).toBeUndefined();
    const titles = (await contentOf(org)).map((item) => item.title).sort();
    expect(titles).toEqual(
      ["Invoice fdp.exe ready", "Café news", "https://news.example.com/invisible"].sort(),
    );
  });

  it("publishes new items of an auto-publishing feed, emitting content.published", async () => {
    const { org, admin } = await library();
    const url = serve(`/auto-${randomUUID()}.xml`, rss([{ path: "/auto", title: "Auto" }]));
    const feed = await Rss.addFeed(admin, { url, topic: "news", autoPublish: true });
    clock.advance(1000);
    expect(await Rss.importFeed(org.orgId, feed.feedId)).toMatchObject({
      created: 1,
      published: 1,
    });
    const [item] = await contentOf(org);
    expect(item).toMatchObject({
      status: "published",
      source: "rss",
      publishedAt: clock.now().toISOString(),
    });
    expect(
      publisher.published.filter(
        (event) =>
          event.detailType === "content.published" &&
          (event.detail.properties as { contentId: string }).contentId === item?.contentId,
      ),
    ).toHaveLength(1);
  });

  it("creates each item once when the same feed is imported concurrently", async () => {
    const { org, admin } = await library();
    const items = Array.from({ length: 8 }, (_, index) => ({
      path: `/race/${index}`,
      title: `Race ${index}`,
    }));
    const feed = await Rss.addFeed(admin, {
      url: serve(`/race-${randomUUID()}.xml`, rss(items)),
      topic: "news",
    });
    const results = await Promise.all(
      Array.from({ length: 4 }, () => Rss.importFeed(org.orgId, feed.feedId)),
    );
    expect(results.every((result) => result.error === undefined)).toBe(true);
    expect(results.reduce((sum, result) => sum + result.created, 0)).toBe(8);
    const content = await contentOf(org);
    expect(content).toHaveLength(8);
    expect(new Set(content.map((item) => item.url)).size).toBe(8);
  });

  it("records a failing feed's error, and clears it once the feed reads again", async () => {
    const { org, admin } = await library();
    const path = `/flaky-${randomUUID()}.xml`;
    const feed = await Rss.addFeed(admin, { url: serve(path, rss([])), topic: "news" });
    routes.set(path, answer(500, { "content-type": "text/plain" }, "oops"));
    const failed = await Rss.importFeed(org.orgId, feed.feedId);
    expect(failed).toMatchObject({
      created: 0,
      error: "The feed address answered 500 (Internal Server Error)",
    });
    expect(await Rss.getFeed(org.orgId, feed.feedId)).toMatchObject({
      lastFetchedAt: clock.now().toISOString(),
      lastError: "The feed address answered 500 (Internal Server Error)",
    });
    serve(path, rss([{ path: "/recovered", title: "Recovered" }]));
    expect(await Rss.importFeed(org.orgId, feed.feedId)).toMatchObject({ created: 1 });
    expect(await Rss.getFeed(org.orgId, feed.feedId)).not.toHaveProperty("lastError");
  });

  /** The `rss-import` job's units for these organisations, one after another (as the bus would). */
  const importDueOf = async (orgIds: string[]) => {
    const results = [];
    for (const orgId of orgIds) results.push(await Rss.importDue({ orgId, now: clock.now() }));
    return { failed: results.reduce((sum, result) => sum + result.failed, 0), results };
  };

  it("imports every due feed of every organisation on schedule, skipping recent ones and going on past failures", async () => {
    clock.advance(10 * HOUR);
    const first = await library();
    const second = await library();
    const good = await Rss.addFeed(first.admin, {
      url: serve(
        `/due-good-${randomUUID()}.xml`,
        rss([{ path: `/due/${randomUUID()}`, title: "Due" }]),
      ),
      topic: "news",
    });
    const brokenPath = `/due-broken-${randomUUID()}.xml`;
    const broken = await Rss.addFeed(first.admin, {
      url: serve(brokenPath, rss([])),
      topic: "news",
    });
    routes.set(brokenPath, answer(200, { "content-type": "application/xml" }, "<nope/>"));
    const elsewhere = await Rss.addFeed(second.admin, {
      url: serve(
        `/due-else-${randomUUID()}.xml`,
        rss([{ path: `/else/${randomUUID()}`, title: "Else" }]),
      ),
      topic: "news",
    });
    const recentPath = `/due-recent-${randomUUID()}.xml`;
    const recent = await Rss.addFeed(second.admin, {
      url: serve(recentPath, rss([])),
      topic: "news",
    });
    await Rss.importFeed(second.org.orgId, recent.feedId);
    serve(recentPath, rss([{ path: `/recent/${randomUUID()}`, title: "Recent" }]));

    clock.advance(30 * 60 * 1000);
    // Both organisations have work: each gets a unit of the job.
    expect(await Rss.orgsWithDue({ now: clock.now() })).toEqual(
      expect.arrayContaining([first.org.orgId, second.org.orgId]),
    );
    const orgIds = [first.org.orgId, second.org.orgId];
    const outcome = await importDueOf(orgIds);
    expect(outcome.failed).toBeGreaterThanOrEqual(1);
    expect(await contentOf(first.org)).toMatchObject([{ title: "Due" }]);
    expect((await contentOf(second.org)).map((item) => item.title)).toEqual(["Else"]);
    expect(await Rss.getFeed(first.org.orgId, good.feedId)).toMatchObject({
      lastFetchedAt: clock.now().toISOString(),
    });
    expect(await Rss.getFeed(first.org.orgId, broken.feedId)).toMatchObject({
      lastFetchedAt: clock.now().toISOString(),
      lastError: "That address does not contain an RSS or Atom feed Sprida can read",
    });
    expect(await Rss.getFeed(second.org.orgId, elsewhere.feedId)).toMatchObject({
      lastFetchedAt: clock.now().toISOString(),
    });

    // A run right after finds nothing due among these; an hour after the recent fetch, it is.
    const again = await importDueOf(orgIds);
    expect(again.results.map((result) => result.created)).toEqual([0, 0]);
    clock.advance(31 * 60 * 1000);
    await importDueOf(orgIds);
    expect((await contentOf(second.org)).map((item) => item.title).sort()).toEqual([
      "Else",
      "Recent",
    ]);
  });

  it("claims each due feed once when an organisation's scheduled runs overlap", async () => {
    clock.advance(10 * HOUR);
    const { org, admin } = await library();
    const path = `/overlap-${randomUUID()}.xml`;
    await Rss.addFeed(admin, {
      url: serve(path, rss([{ path: `/o/${randomUUID()}`, title: "O" }])),
      topic: "news",
    });
    const before = site.requests.filter((request) => request.path === path).length;
    const run = () => Rss.importDue({ orgId: org.orgId, now: clock.now() });
    await Promise.all([run(), run()]);
    expect(site.requests.filter((request) => request.path === path).length - before).toBe(1);
    expect(await contentOf(org)).toHaveLength(1);
  });
});
