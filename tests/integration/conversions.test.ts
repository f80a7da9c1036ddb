import { SigningKey } from "@sprida/core/auth";
import { Click } from "@sprida/core/click";
import { Content } from "@sprida/core/content";
import { Ledger } from "@sprida/core/ledger";
import { Org } from "@sprida/core/org";
import { Runtime } from "@sprida/core/runtime";
import { Share } from "@sprida/core/share";
import { Tally } from "@sprida/core/tally";
import { Value } from "@sprida/core/value";
import type { LocalSystem } from "@sprida/local/runtime";
import { withRuntime } from "@sprida/testing/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeededOrg, seedOrganisation } from "../helpers/identity";
import { startTestSystem, untilIdle } from "../helpers/local-system";

/** A seeded member as the commands take it. */
const refOf = (org: SeededOrg, role: "owner" | "admin" | "member") => ({
  orgId: org.orgId,
  memberId: org[role].memberId,
  personId: org[role].personId,
  role,
  status: "active" as const,
});

const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

/**
 * Conversions over the real local system (issue 12): a signed report, the pixel and a CSV
 * import go through HTTP, the bus, the ledger, the stream and the tally, counted on the
 * click's day; every bad input is refused or ignored and changes nothing.
 */
describe("conversions", () => {
  let system: LocalSystem;
  let base: string;
  let org: SeededOrg;
  let key: { keyId: string; secret: string };

  beforeAll(async () => {
    ({ system, base } = await startTestSystem());
    org = await seedOrganisation("Conversions");
    await Org.update(org.orgId, { ownDomains: ["shop.example"] });
    const owner = refOf(org, "owner");
    const { contentId } = await Content.create(owner, {
      title: "Our spring range",
      summary: "New in the shop",
      url: "https://shop.example/spring",
      language: "en",
      topics: ["news"],
    });
    await Content.publish(owner, contentId);
    await Value.setSettings(refOf(org, "admin"), {
      effectiveFrom: "2000-01-01",
      currency: "SEK",
      attributionWindowDays: 30,
    });
    const { link } = await Share.linkFor(refOf(org, "member"), { contentId, channel: "linkedin" });
    linkCode = link.code;
    key = await SigningKey.create(refOf(org, "owner"), { name: "Shop" });
  }, 60_000);
  afterAll(() => system?.stop());

  let linkCode: string;

  /** A reader's click on the member's link from a phone: its sid from the landing URL. */
  async function click(address = "203.0.113.50", userAgent = IPHONE): Promise<string> {
    const followed = await Click.follow({ code: linkCode, method: "GET", address, userAgent });
    const sid = new URL(followed?.location ?? "").searchParams.get("sid");
    expect(sid).toMatch(/^[0-9A-Za-z]{10}\.[0-9a-f-]{36}$/);
    return sid as string;
  }

  const signedPost = (path: string, body: string, at = new Date()) => {
    const t = Math.floor(at.getTime() / 1000);
    return fetch(`${base}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "sprida-key-id": key.keyId,
        "sprida-signature": `t=${t},v1=${SigningKey.signature(key.secret, t, body)}`,
      },
      body,
    });
  };
  const report = (fields: Record<string, unknown>, at?: Date) =>
    signedPost("/api/conversions/report", JSON.stringify(fields), at);

  const today = () => Org.localDay("Europe/Stockholm", Runtime.use().now());
  const counts = async () => Tally.orgDay(org.orgId, today());

  it("counts a signed report once on the click's day, however often it is sent", async () => {
    const sid = await click();
    await untilIdle(system);
    const before = await counts();

    const body = { sid, orderId: "order-1001", value: 129_900, currency: "SEK" };
    const first = await report(body);
    expect(first.status, await first.clone().text()).toBe(200);
    expect(await first.json()).toMatchObject({ status: "recorded", clickDay: today() });
    const again = await report(body);
    expect(await again.json()).toMatchObject({ status: "duplicate" });
    await untilIdle(system);

    const after = await counts();
    expect(after.conversions - before.conversions).toBe(1);
    expect(after.conversionValue - before.conversionValue).toBe(129_900);
    const partition = await Ledger.listPartition(`link_${linkCode}`);
    expect(partition.filter((event) => event.name === "conversion.recorded")).toHaveLength(1);
  });

  it("refuses bad and old signatures, unknown and foreign sids, bad values and currencies", async () => {
    const sid = await click("203.0.113.51");
    await untilIdle(system);
    const before = await counts();
    const other = await seedOrganisation("Other");
    const foreign = await SigningKey.create(refOf(other, "owner"), { name: "Theirs" });
    const good = { sid, orderId: "order-2002", value: 10_000, currency: "SEK" };

    const sixMinutesAgo = new Date(Date.now() - 6 * 60_000);
    expect((await report(good, sixMinutesAgo)).status).toBe(401);
    const tampered = await fetch(`${base}/api/conversions/report`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "sprida-key-id": key.keyId,
        "sprida-signature": `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}`,
      },
      body: JSON.stringify(good),
    });
    expect(tampered.status).toBe(401);
    // Another organisation's key cannot report on this organisation's click.
    const t = Math.floor(Date.now() / 1000);
    const theirs = await fetch(`${base}/api/conversions/report`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "sprida-key-id": foreign.keyId,
        "sprida-signature": `t=${t},v1=${SigningKey.signature(foreign.secret, t, JSON.stringify(good))}`,
      },
      body: JSON.stringify(good),
    });
    expect(theirs.status).toBe(400);
    expect(await theirs.json()).toMatchObject({ error: { code: "sid_unknown" } });

    for (const [fields, code] of [
      [{ ...good, sid: `${linkCode}.00000000-0000-4000-8000-000000000000` }, "sid_unknown"],
      [{ ...good, sid: "not-a-sid" }, "invalid_request"],
      [{ ...good, value: -1 }, "invalid_request"],
      [{ ...good, value: 10.5 }, "invalid_request"],
      [{ ...good, value: 1e12 }, "invalid_request"],
      [{ ...good, currency: "EUR" }, "currency_mismatch"],
      [
        { ...good, occurredAt: new Date(Date.now() + 3_600_000).toISOString() },
        "conversion_in_future",
      ],
      [{ ...good, occurredAt: "2001-01-01T00:00:00Z" }, "conversion_before_click"],
    ] as const) {
      const response = await report(fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(await response.json(), JSON.stringify(fields)).toMatchObject({ error: { code } });
    }
    await untilIdle(system);
    expect(await counts()).toEqual(before);
  });

  it("attributes only inside the window after the click, on the click's day", async () => {
    // A click 31 days ago: the window (30 days) has closed by now.
    const clickedAt = new Date(Date.now() - 31 * 86_400_000);
    const sid = await withRuntime({ now: () => new Date(clickedAt) }, () => click("203.0.113.52"));
    await untilIdle(system);
    const clickDay = Org.localDay("Europe/Stockholm", clickedAt);
    const before = await Tally.orgDay(org.orgId, clickDay);
    const order = { sid, value: 5_000, currency: "SEK" };

    const late = await report({ ...order, orderId: "order-3003" });
    expect(late.status).toBe(400);
    expect(await late.json()).toMatchObject({ error: { code: "outside_attribution_window" } });
    const inside = await report({
      ...order,
      orderId: "order-3004",
      occurredAt: new Date(clickedAt.getTime() + 29 * 86_400_000).toISOString(),
    });
    expect(inside.status, await inside.clone().text()).toBe(200);
    expect(await inside.json()).toMatchObject({ status: "recorded", clickDay });
    await untilIdle(system);

    const after = await Tally.orgDay(org.orgId, clickDay);
    expect(after.conversions - before.conversions).toBe(1);
    expect(after.conversionValue - before.conversionValue).toBe(5_000);
  });

  it("counts the pixel once per human click, without value, and ignores what else it is sent", async () => {
    const sid = await click("203.0.113.53");
    const bot = await click("203.0.113.54", "curl/8.5.0");
    await untilIdle(system);
    const before = await counts();
    for (const query of [
      `sid=${sid}&value=99999`,
      `sid=${sid}`,
      `sid=${bot}`,
      "sid=nonsense",
      "",
    ]) {
      const response = await fetch(`${base}/api/conversions/pixel.gif?${query}`);
      expect(response.status, query).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/gif");
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
    await untilIdle(system);
    const after = await counts();
    expect(after.conversions - before.conversions).toBe(1);
    expect(after.conversionValue).toBe(before.conversionValue);
  });

  it("imports a CSV with a result per row, duplicates named, nothing counted twice", async () => {
    const sid = await click("203.0.113.55");
    await untilIdle(system);
    const before = await counts();
    const csv = [
      "sid;orderId;value;currency;occurredAt",
      `${sid};order-4001;25000;SEK;`,
      `${sid};order-4001;25000;SEK;`,
      `${sid};order-4002;-5;SEK;`,
      `unknown;order-4003;100;SEK;`,
    ].join("\n");
    const { Conversion } = await import("@sprida/core/conversion");
    const rows = await Conversion.importCsv(refOf(org, "admin"), csv);
    expect(rows.map((row) => [row.row, row.orderId, row.outcome])).toEqual([
      [2, "order-4001", "recorded"],
      [3, "order-4001", "duplicate"],
      [4, "order-4002", "error"],
      [5, "order-4003", "error"],
    ]);
    await untilIdle(system);
    const after = await counts();
    expect(after.conversions - before.conversions).toBe(1);
    expect(after.conversionValue - before.conversionValue).toBe(25_000);
  });
});
