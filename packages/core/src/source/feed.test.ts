import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../error";
import { answer, type Handler, startServer, type TestServer } from "../fetch/test-support";
import { fetchFeed, readFeed } from "./feed";

const FEED_URL = "https://blog.example.com/feed.xml";

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>Acme &amp; Co blog</title>
    <link>https://blog.example.com/</link>
    <description>News</description>
    <item>
      <title>First post</title>
      <link>https://Blog.Example.com/posts/first?utm_source=rss&amp;id=7&amp;utm_medium=feed#comments</link>
      <description><![CDATA[<p>Hello <b>world</b> &amp; friends</p><script>alert("x")</script><p>Bye</p>]]></description>
      <pubDate>Tue, 10 Mar 2026 09:30:00 +0100</pubDate>
      <media:content url="/images/first.jpg" medium="image" />
    </item>
    <item>
      <title>First post, again, from another campaign</title>
      <link>https://blog.example.com/posts/first?id=7&amp;utm_campaign=spring</link>
      <description>Duplicate</description>
    </item>
    <item>
      <title>Second &lt;em&gt;post&lt;/em&gt;</title>
      <link>/posts/second</link>
      <description>&lt;p&gt;Second&lt;/p&gt;&lt;p&gt;paragraph&lt;/p&gt;</description>
    </item>
    <item>
      <title>No link at all</title>
      <description>Nothing to share</description>
    </item>
    <item>
      <title>A script link</title>
      <link>javascript:alert(1)</link>
    </item>
    <item>
      <title>Long</title>
      <link>https://blog.example.com/posts/long</link>
      <description>${"word ".repeat(600)}</description>
    </item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Engineering &lt;b&gt;at&lt;/b&gt; Acme</title>
  <id>urn:uuid:60a76c80-d399-11d9-b91C-0003939e0af6</id>
  <updated>2026-03-09T18:30:02Z</updated>
  <entry>
    <title>Atom one</title>
    <link rel="alternate" href="/2026/atom-one?utm_source=atom"/>
    <link rel="enclosure" type="image/png" href="/img/one.png"/>
    <id>urn:uuid:1</id>
    <published>2026-03-09T18:30:02Z</published>
    <updated>2026-03-10T10:00:00Z</updated>
    <summary type="html">&lt;p&gt;An &lt;a href="https://acme.example"&gt;Acme&lt;/a&gt; story&lt;/p&gt;</summary>
  </entry>
  <entry>
    <title>Atom two</title>
    <link href="https://eng.example.com/2026/atom-two"/>
    <id>urn:uuid:2</id>
    <updated>2026-03-08T08:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Only <i>content</i></p></div></content>
  </entry>
</feed>`;

const RDF = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="https://old.example.com/">
    <title>Old school</title>
    <link>https://old.example.com/</link>
  </channel>
  <item rdf:about="https://old.example.com/one">
    <title>RDF one</title>
    <link>https://old.example.com/one</link>
    <description>Plain</description>
  </item>
</rdf:RDF>`;

async function invalid(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DomainError)) throw new Error(`Expected a DomainError, got ${error}`);
  expect(error.kind).toBe("invalid");
  return error;
}

describe("reading an RSS 2.0 feed", () => {
  const feed = readFeed(RSS, FEED_URL);

  it("reads the title and the items with a usable link, in feed order", () => {
    expect(feed.title).toBe("Acme & Co blog");
    expect(feed.items.map((item) => item.title)).toEqual(["First post", "Second post", "Long"]);
  });

  it("gives each item a canonical address without utm parameters or fragment, host in lower case", () => {
    const [first] = feed.items;
    expect(first?.url).toBe(
      "https://blog.example.com/posts/first?utm_source=rss&id=7&utm_medium=feed#comments",
    );
    expect(first?.canonicalUrl).toBe("https://blog.example.com/posts/first?id=7");
  });

  it("keeps one item per canonical address: the same post from another campaign is a duplicate", () => {
    expect(feed.items.filter((item) => item.canonicalUrl.includes("/posts/first"))).toHaveLength(1);
    expect(feed.items.some((item) => item.title?.includes("again"))).toBe(false);
  });

  it("turns HTML descriptions into plain text, dropping scripts", () => {
    expect(feed.items[0]?.summary).toBe("Hello world & friends Bye");
    expect(feed.items[1]?.summary).toBe("Second paragraph");
  });

  it("resolves relative links and images", () => {
    expect(feed.items[1]?.url).toBe("https://blog.example.com/posts/second");
    expect(feed.items[0]?.imageUrl).toBe("https://blog.example.com/images/first.jpg");
    expect(feed.items[1]).not.toHaveProperty("imageUrl");
  });

  it("gives publication times in ISO 8601", () => {
    expect(feed.items[0]?.publishedAt).toBe("2026-03-10T08:30:00.000Z");
    expect(feed.items[1]).not.toHaveProperty("publishedAt");
  });

  it("caps a summary at 1000 characters", () => {
    const long = feed.items[2]?.summary ?? "";
    expect(Array.from(long)).toHaveLength(1000);
    expect(long.endsWith("…")).toBe(true);
  });

  it("resolves relative links against the feed's address when the channel has no link", () => {
    const noChannelLink = RSS.replace("<link>https://blog.example.com/</link>", "");
    const items = readFeed(noChannelLink, "https://feeds.example.net/acme/rss").items;
    expect(items[1]?.url).toBe("https://feeds.example.net/posts/second");
  });
});

describe("reading an Atom feed", () => {
  const feed = readFeed(ATOM, "https://eng.example.com/atom.xml");

  it("reads titles as text, summaries or content as plain text, enclosed images and dates", () => {
    expect(feed.title).toBe("Engineering at Acme");
    expect(feed.items).toEqual([
      {
        title: "Atom one",
        url: "https://eng.example.com/2026/atom-one?utm_source=atom",
        canonicalUrl: "https://eng.example.com/2026/atom-one",
        summary: "An Acme story",
        imageUrl: "https://eng.example.com/img/one.png",
        publishedAt: "2026-03-09T18:30:02.000Z",
      },
      {
        title: "Atom two",
        url: "https://eng.example.com/2026/atom-two",
        canonicalUrl: "https://eng.example.com/2026/atom-two",
        summary: "Only content",
        publishedAt: "2026-03-08T08:00:00.000Z",
      },
    ]);
  });
});

describe("reading an RSS 1.0 (RDF) feed", () => {
  it("reads its items", () => {
    const feed = readFeed(RDF, "https://old.example.com/index.rdf");
    expect(feed.title).toBe("Old school");
    expect(feed.items).toMatchObject([{ title: "RDF one", url: "https://old.example.com/one" }]);
  });
});

describe("a document that is not a feed", () => {
  it.each([
    ["an HTML page", "<!doctype html><html><body><p>Hello</p></body></html>"],
    ["nothing", ""],
    ["plain text", "just some words"],
    [
      "an entity that expands too far",
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "${"y".repeat(5000)}">]><rss version="2.0"><channel><title>${"&big;".repeat(50)}</title></channel></rss>`,
    ],
  ])("is refused with a clear message: %s", async (_label, xml) => {
    const error = await invalid(Promise.resolve().then(() => readFeed(xml, FEED_URL)));
    expect(error.code).toBe("feed_invalid");
    expect(error.message).toBe("That address does not contain an RSS or Atom feed Sprida can read");
  });
});

describe("fetching a feed", () => {
  let site: TestServer;
  let allow: { allow: { hosts: string[] } };
  const routes: Record<string, Handler> = {
    "/feed.xml": answer(200, { "content-type": "application/rss+xml; charset=utf-8" }, RSS),
    "/plain-feed": answer(200, { "content-type": "text/plain" }, ATOM),
    "/blog": answer(200, { "content-type": "text/html" }, "<!doctype html><title>Blog</title>"),
    "/report.pdf": answer(200, { "content-type": "application/pdf" }, "%PDF-1.7"),
    "/broken.xml": answer(
      200,
      { "content-type": "application/xml" },
      "<?xml version='1.0'?><nope/>",
    ),
    "/gone.xml": answer(410, { "content-type": "text/plain" }, "gone"),
  };

  beforeAll(async () => {
    site = await startServer((request, response) =>
      (routes[request.url ?? ""] ?? answer(404, {}))(request, response),
    );
    allow = { allow: { hosts: [site.hostPort] } };
  });
  afterAll(() => site.close());

  it("fetches and reads a feed, resolving relative links against the channel's link", async () => {
    const feed = await fetchFeed(`${site.origin}/feed.xml`, allow);
    expect(feed.finalUrl).toBe(`${site.origin}/feed.xml`);
    expect(feed.items[1]?.url).toBe("https://blog.example.com/posts/second");
    expect(site.requests.at(-1)?.headers.accept).toMatch(/^application\/rss\+xml/);
  });

  it("reads a feed served with a careless type when it starts like one", async () => {
    const feed = await fetchFeed(`${site.origin}/plain-feed`, allow);
    expect(feed.items[0]?.url).toBe(`${site.origin}/2026/atom-one?utm_source=atom`);
  });

  it("refuses a web page, saying to use the feed's own address", async () => {
    const error = await invalid(fetchFeed(`${site.origin}/blog`, allow));
    expect(error.code).toBe("feed_not_xml");
    expect(error.message).toMatch(/^That address is a web page, not an RSS or Atom feed\./);
  });

  it("refuses a PDF", async () => {
    const error = await invalid(fetchFeed(`${site.origin}/report.pdf`, allow));
    expect(error.code).toBe("feed_not_xml");
    expect(error.message).toBe("That address is a PDF document, not an RSS or Atom feed");
  });

  it("refuses XML that is not a feed", async () => {
    expect((await invalid(fetchFeed(`${site.origin}/broken.xml`, allow))).code).toBe(
      "feed_invalid",
    );
  });

  it("says what the server answered when it is an error", async () => {
    const error = await invalid(fetchFeed(`${site.origin}/gone.xml`, allow));
    expect(error.code).toBe("fetch_failed");
    expect(error.message).toBe("The feed address answered 410 (Gone)");
  });

  it("goes through the safe fetcher: a private address is refused", async () => {
    expect((await invalid(fetchFeed(`${site.origin}/feed.xml`))).code).toBe("url_refused");
    expect((await invalid(fetchFeed("http://10.0.0.7/feed.xml"))).code).toBe("url_refused");
  });
});
