import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Rss } from "@sprida/core/rss";
import { Runtime } from "@sprida/core/runtime";
import { refOf } from "./content";
import type { AreaInputs, Fixtures } from "./types";

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Route-table feed</title>
<link>https://news.example/</link><item><title>One</title><link>https://news.example/one</link></item>
</channel></rss>`;

let server: Promise<string> | undefined;

/** A local feed the route-table runtime may fetch (it is added to the runtime's allowlist). */
function localFeed(): Promise<string> {
  server ??= new Promise((resolve) => {
    const http: Server = createServer((_, response) => {
      response.writeHead(200, { "content-type": "application/rss+xml" }).end(FEED);
    });
    http.listen(0, "127.0.0.1", () => {
      const host = `127.0.0.1:${(http.address() as AddressInfo).port}`;
      http.unref();
      resolve(host);
    });
  });
  return server;
}

function fixture(fixtures: Fixtures, name: "rssFeedId"): string {
  const id = fixtures[name];
  if (!id) throw new Error(`No ${name}: RssRouteInputs.prepare did not run for this org`);
  return id;
}

/** Inputs for the RSS feed routes (issue 4), aimed at the target's own feed. */
export const RssRouteInputs: AreaInputs = {
  async prepare(org) {
    const host = await localFeed();
    const runtime = Runtime.use();
    runtime.fetchAllowlist = [...new Set([...(runtime.fetchAllowlist ?? []), host])];
    const feed = await Rss.addFeed(refOf(org), {
      url: `http://${host}/feed.xml?org=${org.orgId}`,
      topic: "product",
    });
    return { rssFeedId: feed.feedId };
  },
  routes: {
    "GET /api/rss-feeds": () => ({}),
    // Not allowlisted: refused before any request, whoever asks.
    "POST /api/rss-feeds": () => ({
      body: { url: "http://127.0.0.1:9/feed.xml", topic: "product" },
    }),
    "PATCH /api/rss-feeds/:feedId": (_, f) => ({
      params: { feedId: fixture(f, "rssFeedId") },
      body: { autoPublish: false },
    }),
    "POST /api/rss-feeds/:feedId/remove": (_, f) => ({
      params: { feedId: fixture(f, "rssFeedId") },
    }),
    "POST /api/rss-feeds/:feedId/fetch": (_, f) => ({
      params: { feedId: fixture(f, "rssFeedId") },
    }),
  },
  snapshot: (org) => Rss.listFeeds(org.orgId),
};
