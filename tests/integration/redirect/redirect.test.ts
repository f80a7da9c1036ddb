import { beforeAll, describe, expect, it } from "vitest";
import {
  detailOf,
  provideRedirectRuntime,
  redirectSetting,
  type Setting,
  UA,
  type UnreliablePublisher,
  visit,
} from "./redirect-setting";

/** Issue 5, the click path over HTTP: what `/r/{code}` answers and what it records. */
describe("following a tracked link", () => {
  let publisher: UnreliablePublisher;
  let setting: Setting;

  beforeAll(async () => {
    publisher = provideRedirectRuntime().publisher;
    setting = await redirectSetting();
  });

  /** Clicks the member's own-domain link and returns the one event it published. */
  async function clickedAs(request: Parameters<typeof visit>[1]) {
    const before = publisher.clicks().length;
    const response = await visit(setting.ownLink.code, request);
    expect(response.status).toBe(302);
    const events = publisher.clicks().slice(before);
    expect(events).toHaveLength(1);
    return { response, ...detailOf(events[0]) };
  }

  it("answers 302 to the stored destination with the click id, and records one human click", async () => {
    const { response, properties, metadata } = await clickedAs({
      address: "198.51.100.77",
      headers: {
        "user-agent": UA.iPhone,
        referer: "https://www.LinkedIn.com/feed/update/urn:li:activity:1?trk=x",
        "cloudfront-viewer-country": "SE",
      },
    });
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.searchParams.get("sid")).toBe(metadata.eventId);
    location.searchParams.delete("sid");
    expect(location.href).toBe(setting.ownLink.destination);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-robots-tag")).toBe("noindex");
    expect(metadata.orgId).toBe(setting.org.orgId);
    expect(metadata.eventId).toMatch(/^[0-9A-Za-z]{10}\.[0-9a-f-]{36}$/);
    expect(properties).toEqual({
      linkCode: setting.ownLink.code,
      memberId: setting.member.memberId,
      contentId: expect.any(String),
      channel: "linkedin",
      class: "human",
      visitor: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      addressHash: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      day: "2037-04-01",
      country: "SE",
      device: "mobile",
      referrerHost: "www.linkedin.com",
    });
  });

  it("adds no click id to a destination outside the organisation's own domains", async () => {
    const response = await visit(setting.externalLink.code, { address: "198.51.100.77" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("https://elsewhere.example/a?b=c");
    expect(setting.externalLink.destination).toBe("https://elsewhere.example/a?b=c");
  });

  it("leaves out a country that is not two upper-case letters, and a referrer that is not a URL", async () => {
    const { properties } = await clickedAs({
      address: "198.51.100.78",
      headers: { "cloudfront-viewer-country": "se", referer: "nonsense" },
    });
    expect(properties).not.toHaveProperty("country");
    expect(properties).not.toHaveProperty("referrerHost");
  });

  it("answers HEAD and OPTIONS like GET, and records them as bot", async () => {
    for (const method of ["HEAD", "OPTIONS"]) {
      const { response, properties } = await clickedAs({ address: "198.51.100.79", method });
      expect(response.headers.get("location")).toContain("sid=");
      expect(properties).toMatchObject({ class: "bot", reason: "method" });
    }
  });

  it("records preview fetchers, mail clients and an empty User-Agent as bot", async () => {
    const userAgents = {
      empty: "",
      linkedIn:
        "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
      facebook: "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
      slack: "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
      whatsApp: "WhatsApp/2.23.20.0",
      telegram: "TelegramBot (like TwitterBot)",
      outlook: "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)",
    };
    for (const [name, userAgent] of Object.entries(userAgents)) {
      const { properties } = await clickedAs({
        address: "198.51.100.80",
        headers: { "user-agent": userAgent },
      });
      expect(properties, name).toMatchObject({ class: "bot", reason: "user_agent" });
    }
  });

  it("records browser prefetches as bot", async () => {
    for (const headers of [
      { purpose: "prefetch" },
      { "sec-purpose": "prefetch" },
      { "sec-purpose": "prefetch;prerender" },
    ] as Record<string, string>[]) {
      const { properties } = await clickedAs({ address: "198.51.100.81", headers });
      expect(properties, JSON.stringify(headers)).toMatchObject({
        class: "bot",
        reason: "prefetch",
      });
    }
  });

  it("records a known mail scanner's address as bot", async () => {
    const { properties } = await clickedAs({ address: "40.107.3.4" });
    expect(properties).toMatchObject({ class: "bot", reason: "address_range" });
  });

  it("records in-app browsers of the networks as human and mobile", async () => {
    const inApp = {
      facebook:
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/440.0.0.30.109;FBBV/540000000;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/17.0;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5]",
      instagram:
        "Mozilla/5.0 (Linux; Android 13; SM-S911B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 Instagram 300.0.0.29.110 Android (33/13; 480dpi; 1080x2340; samsung; SM-S911B; dm1q; qcom; en_US; 515460211)",
      linkedIn:
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 LinkedInApp/9.29.5900",
      snapchat:
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Snapchat/12.55.0.35 (like Safari/8614.1.25.0.31, panda)",
    };
    for (const [name, userAgent] of Object.entries(inApp)) {
      const { properties } = await clickedAs({
        address: "198.51.100.82",
        headers: { "user-agent": userAgent },
      });
      expect(properties, name).toMatchObject({ class: "human", device: "mobile" });
      expect(properties, name).not.toHaveProperty("reason");
    }
  });

  it("records clicks from the organisation's declared networks as internal, IPv4 and IPv6", async () => {
    for (const address of ["192.0.2.77", "2001:db8:aa::77", "::ffff:192.0.2.78"]) {
      const { properties } = await clickedAs({ address });
      expect(properties, address).toMatchObject({ class: "internal", reason: "internal_range" });
    }
    const { properties } = await clickedAs({ address: "2001:db8:ab::77" });
    expect(properties.class).toBe("human");
  });

  it("never reads X-Forwarded-For: a forged one changes neither the class nor the visitor", async () => {
    const plain = await clickedAs({ address: "198.51.100.90" });
    for (const forged of ["192.0.2.5", "40.107.3.4", "198.51.100.91, 192.0.2.5"]) {
      const withHeader = await clickedAs({
        address: "198.51.100.90",
        headers: { "x-forwarded-for": forged, "x-real-ip": forged, forwarded: `for=${forged}` },
      });
      expect(withHeader.properties.class, forged).toBe("human");
      expect(withHeader.properties.visitor, forged).toBe(plain.properties.visitor);
    }
  });

  it("answers an unknown or malformed code with a 404 page, no redirect and nothing recorded", async () => {
    const before = publisher.published.length;
    for (const path of ["Zz9Zz9Zz9Z", "short", "has-dash-12", "..%2F..%2Fapi"]) {
      const response = await visit(path, { address: "198.51.100.92" });
      expect(response.status, path).toBe(404);
      expect(response.headers.get("location"), path).toBeNull();
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      const page = await response.text();
      expect(page).toContain('<html lang="en">');
      expect(page).toContain("<h1>This link does not exist</h1>");
      expect(page).not.toContain(path);
    }
    const swedish = await visit("Zz9Zz9Zz9Z", {
      headers: { "accept-language": "sv-SE,sv;q=0.9,en;q=0.8" },
    });
    expect(await swedish.text()).toContain("<h1>Länken finns inte</h1>");
    const englishFirst = await visit("Zz9Zz9Zz9Z", {
      headers: { "accept-language": "en-GB,en;q=0.9,sv;q=0.5" },
    });
    expect(await englishFirst.text()).toContain('<html lang="en">');
    expect(publisher.published.length).toBe(before);
  });
});
