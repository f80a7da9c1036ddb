import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Runtime } from "@sprida/core/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../../helpers/api-client";
import { useHttpFlows } from "../../helpers/http-flows";
import { type SeededOrg, seedOrganisation } from "../../helpers/identity";

const rss = (
  items: string[],
) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Company news</title>
<link>https://news.example/</link>${items
  .map(
    (
      slug,
    ) => `<item><title>News ${slug}</title><link>https://news.example/${slug}?utm_source=rss</link>
<description>&lt;p&gt;About ${slug}&lt;/p&gt;</description></item>`,
  )
  .join("")}</channel></rss>`;

/** Adding content from a local feed over HTTP: a feed per topic, fetch now, dedupe. */
describe("RSS feeds over HTTP", () => {
  const flow = useHttpFlows();
  let org: SeededOrg;
  let server: Server;
  let host: string;
  let items = ["one", "two"];

  beforeAll(async () => {
    server = createServer((_, response) => {
      response.writeHead(200, { "content-type": "application/rss+xml" }).end(rss(items));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Only this local server is reachable, and only because the test says so.
    Runtime.use().fetchAllowlist = [host];
    org = await seedOrganisation("Rss");
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("imports a feed's items as drafts on fetch now, once each, and a private feed is refused", async () => {
    const curator = apiClient(flow.app, { sessionToken: org.curator.sessionToken });
    const added = await curator.POST("/api/rss-feeds", {
      body: { url: `http://${host}/news.xml`, topic: "product" },
    });
    expect(added.response.status, JSON.stringify(added.error)).toBe(201);
    const feedId = added.data?.feedId ?? "";
    const fetchNow = () =>
      curator.POST("/api/rss-feeds/{feedId}/fetch", { params: { path: { feedId } } });

    expect((await fetchNow()).data).toMatchObject({ created: 2, published: 0 });
    items = ["one", "two", "three"];
    expect((await fetchNow()).data).toMatchObject({ created: 1, skipped: 2 });

    const drafts = await curator.GET("/api/content", {
      params: { query: { status: "draft", topic: "product" } },
    });
    const imported = (drafts.data?.items ?? []).filter((item) => item.title.startsWith("News "));
    expect(imported.map((item) => item.title).sort()).toEqual([
      "News one",
      "News three",
      "News two",
    ]);
    expect(imported.every((item) => item.summary === `About ${item.title.slice(5)}`)).toBe(true);

    const refused = await curator.POST("/api/rss-feeds", {
      body: { url: "http://127.0.0.1:9/private.xml", topic: "product" },
    });
    expect(refused.response.status).toBe(400);
    expect((await curator.GET("/api/rss-feeds")).data).toMatchObject({
      feeds: [expect.objectContaining({ feedId })],
    });
  });

  it("refuses a curator outside the feed's topic and a plain member", async () => {
    const curator = apiClient(flow.app, { sessionToken: org.curator.sessionToken });
    const outside = await curator.POST("/api/rss-feeds", {
      body: { url: `http://${host}/news.xml`, topic: "finance" },
    });
    expect(outside.response.status).toBe(403);
    const member = apiClient(flow.app, { sessionToken: org.member.sessionToken });
    expect((await member.GET("/api/rss-feeds")).response.status).toBe(403);
  });
});
