import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import {
  type _Record,
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from "@aws-sdk/client-dynamodb-streams";
import type { OutgoingEvent } from "@sprida/core/event";
import { Ledger } from "@sprida/core/ledger";
import { Org } from "@sprida/core/org";
import { Runtime } from "@sprida/core/runtime";
import { Tally } from "@sprida/core/tally";
import { createApp } from "@sprida/functions/http";
import { createRedirectApp } from "@sprida/functions/http/redirect";
import type { LocalSystem } from "@sprida/local/runtime";
import { toLambdaRecord } from "@sprida/local/stream";
import type { DynamoDBRecord } from "aws-lambda";
import type { Context } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handler as tallyHandler } from "../../../packages/functions/src/streams/tally";
import { publishContent } from "../../helpers/content";
import { testDynamo } from "../../helpers/dynamodb";
import { eventually } from "../../helpers/eventually";
import { TEST_ORIGIN, TestClient } from "../../helpers/http";
import { type SeededOrg, seedOrganisation } from "../../helpers/identity";
import { startTestSystem } from "../../helpers/local-system";

/** The trusted address, as CloudFront or the socket would give it; tests name it per request. */
const ADDRESS_HEADER = "x-test-viewer-address";
const clientAddress = (c: Context) => c.req.header(ADDRESS_HEADER);

const UA = {
  chrome:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  firefox: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  safari:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  facebookApp:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/489.0.0.41.108;FBBV/660473291;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/18.1;FBSS/3;FBID/phone;FBLC/sv_SE;FBOP/5]",
  linkedInBot:
    "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
  outlook: "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)",
};

/** Addresses that must never be found stored, published or journaled. */
const ADDRESSES = {
  member: "198.51.100.23",
  readerA: "203.0.113.41",
  readerB: "203.0.113.42",
  readerC: "2001:db8:77::43",
  office: "10.20.3.4",
  bot: "203.0.113.99",
};

/** Every click class through the whole local system: redirect → bus → ledger → tally → API. */
describe("a shared link's clicks, counted exactly from redirect to API", () => {
  let system: LocalSystem;
  let dataDir: string;
  let org: SeededOrg;
  let code: string;
  let selfCookie: string;
  const published: OutgoingEvent[] = [];
  const api = createApp({ clientAddress });
  const redirect = createRedirectApp({ clientAddress });

  /** The runtime before the recording publisher, put back after. */
  let original: Runtime.Runtime | undefined;
  beforeAll(async () => {
    ({ system, dataDir } = await startTestSystem({ http: false, publicOrigin: TEST_ORIGIN }));
    // Keep a copy of everything published, to scan it and to deliver it all a second time.
    const runtime = Runtime.use();
    original = runtime;
    Runtime.provide({
      ...runtime,
      publisher: {
        publish: async (events) => {
          published.push(...structuredClone(events));
          await runtime.publisher.publish(events);
        },
      },
    });

    org = await seedOrganisation("Clicks");
    await Org.update(org.orgId, {
      ownDomains: ["news.example"],
      internalNetworks: ["10.20.0.0/16"],
    });
    const owner = new TestClient(api, org.owner.sessionToken);
    const contentId = await publishContent(owner, {
      title: "We are hiring in Malmö",
      url: "https://www.news.example/jobs",
    });

    const member = new TestClient(api, org.member.sessionToken);
    const profile = await member.patch("/api/me", {
      json: {
        displayName: "Maja Member",
        privacy: { namedToAdmins: true, weeklyDigest: true },
        channels: [{ channel: "linkedin", networkSize: 250 }],
      },
    });
    expect(profile.status, profile.text).toBe(200);
    const shared = await member.post(`/api/content/${contentId}/share`, {
      json: { channel: "linkedin" },
      headers: { [ADDRESS_HEADER]: ADDRESSES.member, "user-agent": UA.safari },
    });
    expect(shared.status, shared.text).toBe(200);
    code = (shared.body as { link: { code: string } }).link.code;
    selfCookie = /sprida_self=[^;]+/.exec(shared.headers.get("set-cookie") ?? "")?.[0] ?? "";
    expect(selfCookie).not.toBe("");
  }, 120_000);
  afterAll(async () => {
    if (original) Runtime.provide(original);
    await system?.stop();
  });

  const click = (address: string, userAgent: string, init: RequestInit = {}) =>
    redirect.request(`http://localhost:4000/r/${code}`, {
      ...init,
      headers: {
        [ADDRESS_HEADER]: address,
        "user-agent": userAgent,
        ...(init.headers as Record<string, string>),
      },
    });

  const today = () => Org.localDay("Europe/Stockholm", new Date());

  it("redirects every click at once and counts each class, unique and points", async () => {
    const answers = await Promise.all([
      // bot: a preview fetcher, a mail scanner, a HEAD, a prefetch, no User-Agent
      click(ADDRESSES.bot, UA.linkedInBot),
      click(ADDRESSES.bot, UA.outlook),
      click(ADDRESSES.readerA, UA.chrome, { method: "HEAD" }),
      click(ADDRESSES.readerA, UA.chrome, { headers: { "sec-purpose": "prefetch" } }),
      click(ADDRESSES.bot, ""),
      // self: by the hub's cookie, and by the visitor the member shared from
      click(ADDRESSES.readerB, UA.firefox, { headers: { cookie: selfCookie } }),
      click(ADDRESSES.member, UA.safari),
      // internal: from the office network
      click(ADDRESSES.office, UA.chrome),
      // human: three visitors, one of whom comes back (not unique again the same day)
      click(ADDRESSES.readerA, UA.chrome, { headers: { "x-forwarded-for": ADDRESSES.office } }),
      click(ADDRESSES.readerB, UA.facebookApp),
      click(ADDRESSES.readerC, UA.firefox),
      click(ADDRESSES.readerC, UA.firefox),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(302);
      expect(answer.headers.get("location")).toMatch(/^https:\/\/www\.news\.example\/jobs\?/);
      expect(answer.headers.get("cache-control")).toBe("private, no-store");
    }

    const totals = await eventually(async () => {
      const counts = await Tally.orgDay(org.orgId, today());
      return counts.rawClicks === 12 ? counts : undefined;
    }, 60_000);
    expect(totals).toMatchObject({
      sharesIntended: 1,
      // Confirmed by the link's first unique human click.
      sharesConfirmed: 1,
      potentialReach: 250,
      rawClicks: 12,
      botClicks: 5,
      selfClicks: 2,
      internalClicks: 1,
      humanClicks: 4,
      uniqueClicks: 3,
      sharePoints: 5,
      clickPoints: 3,
    });
  }, 90_000);

  it("shows the member their points, badges and links, and names them only as they chose", async () => {
    const member = new TestClient(api, org.member.sessionToken);
    const points = (await member.get("/api/me/points")).body as {
      points: { week: number; month: number; all: number };
      badges: { id: string }[];
    };
    expect(points.points).toEqual({ week: 8, month: 8, all: 8 });
    expect(points.badges.map((badge) => badge.id).sort()).toEqual(["first_click", "first_share"]);

    const links = (await member.get("/api/me/links")).body as {
      links: { code: string; confirmed: boolean; counts: Record<string, number> }[];
    };
    expect(links.links).toEqual([
      expect.objectContaining({
        code,
        confirmed: true,
        counts: expect.objectContaining({ rawClicks: 12, uniqueClicks: 3, clickPoints: 3 }),
      }),
    ]);

    const board = (await member.get("/api/leaderboard?period=week")).body as {
      entries: { displayName: string; points: number; you: boolean }[];
    };
    expect(board.entries).toEqual([
      expect.objectContaining({ displayName: "Maja Member", points: 8, you: true }),
    ]);

    const admin = new TestClient(api, org.admin.sessionToken);
    const stats = (await admin.get("/api/admin/stats/channel")).body as {
      totals: Record<string, number>;
      rows: { key: string; counts: Record<string, number> }[];
    };
    // The organisation's totals count every click; one sharer is a person, so no channel row
    // is shown (fewer than five people).
    expect(stats.totals).toMatchObject({ rawClicks: 12, uniqueClicks: 3, botClicks: 5 });
    expect(stats.rows).toEqual([]);
  });

  it("keeps the totals when every event is delivered a second time", async () => {
    const before = await Tally.orgDay(org.orgId, today());
    const delivered = system.bus.stats().delivered;
    const again = published.filter((event) =>
      (Ledger.LEDGERED_EVENT_NAMES as readonly string[]).includes(event.detailType),
    );
    // share.created, share.confirmed (by the first unique human click) and the 12 clicks
    expect(again).toHaveLength(14);
    await Runtime.use().publisher.publish(again);
    await eventually(
      async () => system.bus.stats().delivered >= delivered + again.length || undefined,
      30_000,
    );
    expect(await Ledger.listPartition(`link_${code}`)).toHaveLength(14);
    expect(await Tally.orgDay(org.orgId, today())).toEqual(before);
  }, 60_000);

  it("keeps the totals when the stream hands the tally the whole batch again", async () => {
    const before = await Tally.orgDay(org.orgId, today());
    const records = await streamRecordsOfPartition(`link_${code}`);
    expect(records).toHaveLength(14);
    expect(await tallyHandler({ Records: records })).toEqual({ batchItemFailures: [] });
    expect(await Tally.orgDay(org.orgId, today())).toEqual(before);
  });

  it("never stores, publishes or journals a raw address", async () => {
    const { dynamo, tableName } = Runtime.use();
    const items: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new ScanCommand({ TableName: tableName, ExclusiveStartKey: start as never }),
      );
      items.push(...(page.Items ?? []).map((item) => JSON.stringify(item)));
      start = page.LastEvaluatedKey;
    } while (start);
    const stored = items.join("\n");
    expect(stored).toContain(code);
    const journal = await readTree(join(dataDir, "bus"));
    expect(journal).toContain(code);
    const events = JSON.stringify(published);
    for (const address of Object.values(ADDRESSES)) {
      expect(stored, address).not.toContain(address);
      expect(events, address).not.toContain(address);
      expect(journal, address).not.toContain(address);
    }
  });
});

/** Every record of one ledger partition on this worker's table stream, as Lambda delivers them. */
async function streamRecordsOfPartition(partition: string): Promise<DynamoDBRecord[]> {
  const { streamsClient, tableName } = testDynamo();
  const { Streams } = await streamsClient.send(new ListStreamsCommand({ TableName: tableName }));
  const found: DynamoDBRecord[] = [];
  for (const { StreamArn } of Streams ?? []) {
    if (!StreamArn) continue;
    const { StreamDescription } = await streamsClient.send(
      new DescribeStreamCommand({ StreamArn }),
    );
    for (const shard of StreamDescription?.Shards ?? []) {
      let { ShardIterator: iterator } = await streamsClient.send(
        new GetShardIteratorCommand({
          StreamArn,
          ShardId: shard.ShardId,
          ShardIteratorType: "TRIM_HORIZON",
        }),
      );
      while (iterator) {
        const page = await streamsClient.send(new GetRecordsCommand({ ShardIterator: iterator }));
        const records: _Record[] = page.Records ?? [];
        for (const record of records) {
          const image = record.dynamodb?.NewImage;
          if (
            record.eventName === "INSERT" &&
            image?.__edb_e__?.S === "ledgerEvent" &&
            image.partition?.S === partition
          ) {
            found.push(toLambdaRecord(record, StreamArn, "local"));
          }
        }
        iterator = records.length > 0 ? page.NextShardIterator : undefined;
      }
    }
  }
  return found;
}

async function readTree(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((entry) => entry.isFile());
  const contents = await Promise.all(
    files.map((entry) => readFile(join(entry.parentPath, entry.name), "utf8")),
  );
  return contents.join("\n");
}
