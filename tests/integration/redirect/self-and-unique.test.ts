import { Click } from "@sprida/core/click";
import { createApp } from "@sprida/functions/http";
import { beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../../helpers/http";
import { joinAs, sessionOf } from "../../helpers/http-flows";
import { seedOrganisation } from "../../helpers/identity";
import {
  detailOf,
  provideRedirectRuntime,
  publishedItem,
  redirectSetting,
  type SettableClock,
  type Setting,
  shareAs,
  UA,
  type UnreliablePublisher,
  visit,
} from "./redirect-setting";

/** Issue 5: the member's own clicks, and unique human clicks per visitor, link and local day. */
describe("self and unique clicks", () => {
  let publisher: UnreliablePublisher;
  let clock: SettableClock;
  let setting: Setting;

  beforeAll(async () => {
    ({ publisher, clock } = provideRedirectRuntime());
    setting = await redirectSetting();
  });

  async function click(request: Parameters<typeof visit>[1]) {
    const before = publisher.clicks().length;
    expect((await visit(setting.ownLink.code, request)).status).toBe(302);
    const [event] = publisher.clicks().slice(before);
    return detailOf(event);
  }

  /** What the ledger's ingest makes of the click. */
  const recorded = (detail: ReturnType<typeof detailOf>) =>
    Click.prepareForLedger(detail.properties as Click.ClickedProperties, detail.metadata);

  it("gives the member a signed self cookie for /r/ only, for 90 days (its key's rotation), HttpOnly and SameSite=Lax", () => {
    const attributes = setting.selfCookieHeader.split(";").map((part) => part.trim());
    expect(attributes[0]).toMatch(/^sprida_self=[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(attributes.slice(1).sort()).toEqual(
      ["HttpOnly", "Max-Age=7776000", "Path=/r/", "SameSite=Lax"].sort(),
    );
  });

  it("names every organisation the person takes part in, so their clicks in each are self", async () => {
    const other = await seedOrganisation("Other");
    const there = await joinAs(other.orgId, setting.member.email);
    const otherOwner = new TestClient(createApp(), other.owner.sessionToken);
    const item = await publishedItem(otherOwner, "https://other.example/news");
    const theirs = await shareAs(await sessionOf(there), item, setting.memberClient);
    // Taking a link here again writes a cookie naming both memberships.
    const ownItem = await publishedItem(
      new TestClient(createApp(), setting.org.owner.sessionToken),
      "https://www.news.example/more",
    );
    const again = await shareAs(setting.member.sessionToken, ownItem, setting.memberClient);
    expect(again.selfCookie.split("~")).toHaveLength(2);
    const before = publisher.clicks().length;
    await visit(theirs.link.code, {
      address: "198.51.100.199",
      headers: { cookie: again.selfCookie },
    });
    await visit(setting.ownLink.code, {
      address: "198.51.100.199",
      headers: { cookie: again.selfCookie },
    });
    const events = publisher
      .clicks()
      .slice(before)
      .map((event) => detailOf(event).properties);
    expect(events.map((event) => event.class)).toEqual(["self", "self"]);
  });

  it("records the member's click with their cookie as self, from anywhere", async () => {
    const detail = await click({
      address: "198.51.100.200",
      headers: { cookie: setting.selfCookie },
    });
    expect(detail.properties).toMatchObject({ class: "self", reason: "self_cookie" });
    // A bot is a bot whoever's cookie it carries.
    const preview = await click({
      address: "198.51.100.200",
      headers: { cookie: setting.selfCookie, "user-agent": "Slackbot-LinkExpanding 1.0" },
    });
    expect(preview.properties.class).toBe("bot");
  });

  it("ignores a tampered cookie, another member's cookie, and one signed with another organisation's key", async () => {
    const value = setting.selfCookie.slice("sprida_self=".length);
    const tampered = `sprida_self=${value.slice(0, -2)}${value.endsWith("AA") ? "BB" : "AA"}`;
    const colleague = await Click.selfCookieValue([
      { orgId: setting.org.orgId, memberId: setting.org.admin.memberId },
    ]);
    const foreign = await Click.selfCookieValue([
      { orgId: "another-organisation", memberId: setting.member.memberId },
    ]);
    for (const cookie of [tampered, `sprida_self=${colleague}`, `sprida_self=${foreign}`]) {
      const detail = await click({ address: "198.51.100.201", headers: { cookie } });
      expect(detail.properties.class, cookie).toBe("human");
    }
  });

  it("records the member's click from the browser and network they took the link from as self, at ingest", async () => {
    const { address, userAgent } = setting.memberClient;
    const detail = await click({ address, headers: { "user-agent": userAgent } });
    expect(detail.properties.class).toBe("human");
    expect(await recorded(detail)).toMatchObject({
      class: "self",
      reason: "self_visitor",
      unique: false,
    });
    // The same browser elsewhere, or another browser there, is someone else.
    const elsewhere = await click({
      address: "198.51.100.202",
      headers: { "user-agent": userAgent },
    });
    expect(await recorded(elsewhere)).toMatchObject({ class: "human", unique: true });
    const otherBrowser = await click({ address, headers: { "user-agent": UA.desktop } });
    expect(await recorded(otherBrowser)).toMatchObject({ class: "human", unique: true });
  });

  it("counts a visitor's first human click on a link in a local day as unique, and not the second", async () => {
    const first = await click({ address: "198.51.100.210" });
    const second = await click({ address: "198.51.100.210" });
    expect(second.properties.visitor).toBe(first.properties.visitor);
    expect((await recorded(first)).unique).toBe(true);
    expect((await recorded(second)).unique).toBe(false);
    // A redelivery of the first event finds itself.
    expect((await recorded(first)).unique).toBe(true);
  });

  it("counts the same visitor again just after the organisation's local midnight", async () => {
    clock.set("2037-04-01T21:59:59.000Z"); // 23:59:59 in Stockholm
    const late = await click({ address: "198.51.100.211" });
    clock.set("2037-04-01T22:00:01.000Z"); // 00:00:01 the next day
    const early = await click({ address: "198.51.100.211" });
    expect(late.properties.day).toBe("2037-04-01");
    expect(early.properties.day).toBe("2037-04-02");
    expect(early.properties.visitor).not.toBe(late.properties.visitor);
    expect((await recorded(late)).unique).toBe(true);
    expect((await recorded(early)).unique).toBe(true);
    clock.set("2037-04-01T08:00:00.000Z");
  });
});
