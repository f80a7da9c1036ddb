import type { OutgoingEvent } from "@sprida/core/event";
import { Ledger } from "@sprida/core/ledger";
import { Org } from "@sprida/core/org";
import { Runtime } from "@sprida/core/runtime";
import { Tally } from "@sprida/core/tally";
import { createApp } from "@sprida/functions/http";
import { createRedirectApp } from "@sprida/functions/http/redirect";
import type { LocalSystem } from "@sprida/local/runtime";
import type { Context } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishContent } from "../../helpers/content";
import { eventually } from "../../helpers/eventually";
import { TEST_ORIGIN, TestClient } from "../../helpers/http";
import { type SeededOrg, seedOrganisation } from "../../helpers/identity";
import { startTestSystem } from "../../helpers/local-system";

const ADDRESS_HEADER = "x-test-viewer-address";
const clientAddress = (c: Context) => c.req.header(ADDRESS_HEADER);
const FARM = "203.0.113.60";
const READERS = ["203.0.113.61", "2001:db8:61::1"];
const userAgent = (n: number) =>
  `Mozilla/5.0 (X11; Linux x86_64; rv:${100 + n}.0) Gecko/20100101 Firefox/${100 + n}.0`;

/** Issue 11 item 10: rotating User-Agents from one address makes visitors, not points. */
describe("clicks from one address with rotated User-Agents", () => {
  let system: LocalSystem;
  let org: SeededOrg;
  let code: string;
  const published: OutgoingEvent[] = [];
  const api = createApp({ clientAddress });
  const redirect = createRedirectApp({ clientAddress });

  /** The runtime before the recording publisher, put back after. */
  let original: Runtime.Runtime | undefined;
  beforeAll(async () => {
    ({ system } = await startTestSystem({ http: false, publicOrigin: TEST_ORIGIN }));
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
    org = await seedOrganisation("Farm");
    const owner = new TestClient(api, org.owner.sessionToken);
    const contentId = await publishContent(owner, { url: "https://elsewhere.example/post" });
    const member = new TestClient(api, org.member.sessionToken);
    const shared = await member.post(`/api/content/${contentId}/share`, {
      json: { channel: "linkedin" },
      headers: { [ADDRESS_HEADER]: "198.51.100.60", "user-agent": userAgent(99) },
    });
    expect(shared.status, shared.text).toBe(200);
    code = (shared.body as { link: { code: string } }).link.code;
  }, 120_000);
  afterAll(async () => {
    if (original) Runtime.provide(original);
    await system?.stop();
  });

  const click = (address: string, agent: string) =>
    redirect.request(`${TEST_ORIGIN}/r/${code}`, {
      headers: { [ADDRESS_HEADER]: address, "user-agent": agent },
    });
  const today = () => Org.localDay("Europe/Stockholm", new Date());

  it("counts 30 unique human clicks from one address but gives points to two; other addresses each earn", async () => {
    const answers = await Promise.all([
      ...Array.from({ length: 30 }, (_, n) => click(FARM, userAgent(n))),
      ...READERS.map((address) => click(address, userAgent(0))),
    ]);
    for (const answer of answers) expect(answer.status).toBe(302);

    const counts = await eventually(async () => {
      const day = await Tally.orgDay(org.orgId, today());
      return day.rawClicks === 32 ? day : undefined;
    }, 60_000);
    expect(counts).toMatchObject({
      humanClicks: 32,
      uniqueClicks: 32,
      clickPoints: 2 + READERS.length,
    });
    const clicks = published.filter((event) => event.detailType === "link.clicked");
    const addressHashes = new Set(
      clicks.map((event) => (event.detail.properties as { addressHash: string }).addressHash),
    );
    expect(addressHashes.size).toBe(1 + READERS.length);
    for (const address of [FARM, ...READERS])
      expect(JSON.stringify(published)).not.toContain(address);
  }, 90_000);

  it("keeps the counts and points when every click is delivered a second time", async () => {
    const before = await Tally.orgDay(org.orgId, today());
    const delivered = system.bus.stats().delivered;
    const again = published.filter((event) => event.detailType === "link.clicked");
    await Runtime.use().publisher.publish(again);
    await eventually(
      async () => system.bus.stats().delivered >= delivered + again.length || undefined,
      30_000,
    );
    expect(await Ledger.listPartition(`link_${code}`)).toHaveLength(32 + 2);
    expect(await Tally.orgDay(org.orgId, today())).toEqual(before);
  }, 60_000);
});
