import { domainToUnicode } from "node:url";
import { Org } from "@sprida/core/org";
import { createApp } from "@sprida/functions/http";
import { beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../../helpers/http";
import { seedOrganisation } from "../../helpers/identity";
import { provideRedirectRuntime, publishedItem, shareAs, UA, visit } from "./redirect-setting";

/** Swedish letters only (each one byte in Latin-1), and the same with an emoji (not Latin-1). */
const PATHS = {
  latin1: { path: "/sök/åäö", query: "q=räksmörgås&tag=ö", q: "räksmörgås" },
  emoji: { path: "/sök/åäö/🦐", query: "q=räksmörgås🦐&tag=ö", q: "räksmörgås🦐" },
} as const;
const HOSTS = { own: "bücher.example", foreign: "blåbär.example" } as const;

type Case = `${keyof typeof HOSTS}-${keyof typeof PATHS}`;
const destination = (host: keyof typeof HOSTS, path: keyof typeof PATHS) =>
  `https://${HOSTS[host]}${PATHS[path].path}?${PATHS[path].query}`;

/** Issue 11 item 4: a Location header is bytes, so a non-ASCII destination must go out as a valid URL. */
describe("a destination with non-ASCII characters", () => {
  const links = new Map<Case, string>();

  beforeAll(async () => {
    provideRedirectRuntime();
    const org = await seedOrganisation("Location");
    await Org.update(org.orgId, { ownDomains: ["xn--bcher-kva.example"] });
    const client = { address: "198.51.100.10", userAgent: UA.iPhone };
    const owner = new TestClient(
      createApp({ clientAddress: () => client.address }),
      org.owner.sessionToken,
    );
    for (const host of ["own", "foreign"] as const) {
      for (const path of ["latin1", "emoji"] as const) {
        const contentId = await publishedItem(owner, destination(host, path));
        const { link } = await shareAs(org.member.sessionToken, contentId, client);
        links.set(`${host}-${path}`, link.code);
      }
    }
  });

  /** The Location header as the bytes a client receives (Headers keeps one byte per character). */
  async function locationOf(which: Case) {
    const response = await visit(links.get(which) ?? "", { address: "203.0.113.5" });
    expect(response.status).toBe(302);
    const raw = response.headers.get("location") ?? "";
    const nonAscii = [...raw].filter((character) => (character.codePointAt(0) ?? 0) > 0x7f);
    expect(nonAscii, raw).toEqual([]);
    // The host is written in punycode, not percent-encoded (which DNS cannot resolve).
    expect(raw, raw).toMatch(/^https:\/\/xn--[a-z0-9-]+\.example\//);
    return { raw, url: new URL(raw) };
  }

  function expectSameResource(url: URL, host: keyof typeof HOSTS, path: keyof typeof PATHS) {
    expect(domainToUnicode(url.hostname)).toBe(HOSTS[host]);
    expect(decodeURIComponent(url.pathname)).toBe(PATHS[path].path);
    expect(url.searchParams.get("q")).toBe(PATHS[path].q);
    expect(url.searchParams.get("tag")).toBe("ö");
  }

  for (const path of ["latin1", "emoji"] as const) {
    it(`is sent on the organisation's own domain in ASCII (${path}): punycode host, UTF-8 percent-encoded, with UTM and sid`, async () => {
      const { url } = await locationOf(`own-${path}`);
      expectSameResource(url, "own", path);
      expect(url.searchParams.get("utm_source")).toBe("linkedin");
      expect(url.searchParams.get("sid")).toMatch(/^[0-9A-Za-z]{10}\.[0-9a-f-]{36}$/);
    });

    it(`is sent elsewhere in ASCII too (${path}), naming the same resource and adding nothing`, async () => {
      const { raw, url } = await locationOf(`foreign-${path}`);
      expectSameResource(url, "foreign", path);
      expect(raw).toBe(new URL(destination("foreign", path)).href);
      expect([...url.searchParams.keys()]).toEqual(["q", "tag"]);
    });
  }
});
