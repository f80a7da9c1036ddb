import { describe, expect, it } from "vitest";
import { campaignSlug, type DestinationOptions, destinationUrl, OwnDomain } from "./destination";

const OPTIONS: DestinationOptions = {
  ownDomains: ["example.com"],
  channel: "linkedin",
  contentId: "c-42",
};
const UTM = "utm_source=linkedin&utm_medium=employee_advocacy&utm_content=c-42";

function thrown(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("destinations on the organisation's own domains", () => {
  it("get utm_source = channel, the default medium and utm_content = content id", () => {
    expect(destinationUrl("https://example.com/blog/post", OPTIONS)).toBe(
      `https://example.com/blog/post?${UTM}`,
    );
  });

  it("count subdomains as the organisation's own", () => {
    expect(destinationUrl("https://www.example.com/a", OPTIONS)).toBe(
      `https://www.example.com/a?${UTM}`,
    );
    expect(destinationUrl("http://shop.eu.example.com/", OPTIONS)).toBe(
      `http://shop.eu.example.com/?${UTM}`,
    );
  });

  it("carry the configured medium and the campaign as a slug", () => {
    const url = new URL(
      destinationUrl("https://example.com/", {
        ...OPTIONS,
        channel: "whatsapp",
        utmMedium: "ambassadors",
        campaign: "Vår kampanj 2026!",
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      utm_source: "whatsapp",
      utm_medium: "ambassadors",
      utm_campaign: "var-kampanj-2026",
      utm_content: "c-42",
    });
  });

  it("replace existing UTM parameters in place, never duplicating them", () => {
    const url = destinationUrl(
      "https://example.com/?utm_source=newsletter&a=1&utm_medium=email&utm_source=again&utm%5Fcontent=x&b=2",
      { ...OPTIONS, campaign: "spring" },
    );
    expect(url).toBe(
      "https://example.com/?utm_source=linkedin&a=1&utm_medium=employee_advocacy&utm_content=c-42&b=2&utm_campaign=spring",
    );
  });

  it("keep an existing utm_campaign when there is no campaign to replace it", () => {
    expect(destinationUrl("https://example.com/?utm_campaign=launch", OPTIONS)).toBe(
      `https://example.com/?utm_campaign=launch&${UTM}`,
    );
  });

  it("keep every other parameter as written, in order, and the fragment", () => {
    expect(
      destinationUrl(
        "https://example.com/p?q=a%20b&x=1+2&flag&&path=/x/y&UTM_SOURCE=keep#sec-2?x=1",
        OPTIONS,
      ),
    ).toBe(`https://example.com/p?q=a%20b&x=1+2&flag&&path=/x/y&UTM_SOURCE=keep&${UTM}#sec-2?x=1`);
  });

  it("match upper-case hosts, ports and a trailing dot", () => {
    expect(destinationUrl("https://WWW.Example.COM/Path", OPTIONS)).toBe(
      `https://www.example.com/Path?${UTM}`,
    );
    expect(destinationUrl("https://example.com:8443/x", OPTIONS)).toBe(
      `https://example.com:8443/x?${UTM}`,
    );
    expect(destinationUrl("https://example.com./x", OPTIONS)).toBe(`https://example.com./x?${UTM}`);
  });

  it("match international domain names however either side is written", () => {
    const unicode = { ...OPTIONS, ownDomains: ["exämple.se"] };
    const ascii = { ...OPTIONS, ownDomains: ["xn--exmple-cua.se"] };
    expect(destinationUrl("https://www.exämple.se/sida", ascii)).toBe(
      `https://www.xn--exmple-cua.se/sida?${UTM}`,
    );
    expect(destinationUrl("https://xn--exmple-cua.se/sida", unicode)).toBe(
      `https://xn--exmple-cua.se/sida?${UTM}`,
    );
  });

  it("add nothing but the four UTM parameters: no member identity, no click id", () => {
    const url = new URL(destinationUrl("https://example.com/", { ...OPTIONS, campaign: "c" }));
    expect([...url.searchParams.keys()].sort()).toEqual([
      "utm_campaign",
      "utm_content",
      "utm_medium",
      "utm_source",
    ]);
  });
});

describe("other destinations", () => {
  it.each([
    "https://example.com.evil.net/p?utm_source=x",
    "https://notexample.com/",
    "https://example.org/",
    "https://exämple.se/å?q=ä",
    "HTTPS://Other.Example.NET:8080/A%2fB?x=1+2&&y#Frag",
    "https://ex%61mple.net/",
  ])("come back byte for byte: %s", (url) => {
    expect(destinationUrl(url, OPTIONS)).toBe(url);
  });

  it("come back untouched when the organisation has no domains configured", () => {
    expect(destinationUrl("https://example.com/", { ...OPTIONS, ownDomains: [] })).toBe(
      "https://example.com/",
    );
  });
});

describe("refused destinations", () => {
  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)//https://example.com",
    "data:text/html,<script>alert(1)</script>",
    "ftp://example.com/file",
    "//example.com/x",
    "/relative",
    "https://user:secret@example.com/",
    "https://example.com@evil.net/",
    "https://example.com/a\nLocation: https://evil.net",
    " https://example.com/",
    "",
  ])("%j", (url) => {
    expect(thrown(() => destinationUrl(url, OPTIONS))).toMatchObject({
      kind: "invalid",
      code: "invalid_destination",
    });
  });

  it("a misconfigured domain or medium", () => {
    for (const ownDomains of [["https://example.com"], ["example.com/x"], ["com"], [""]]) {
      expect(
        thrown(() => destinationUrl("https://example.com/", { ...OPTIONS, ownDomains })),
      ).toMatchObject({
        code: "invalid_destination_options",
      });
    }
    expect(
      thrown(() => destinationUrl("https://example.com/", { ...OPTIONS, utmMedium: "a&b=c" })),
    ).toMatchObject({ code: "invalid_destination_options" });
  });
});

describe("helpers", () => {
  it("normalise own domains to their ASCII host names", () => {
    expect(OwnDomain.parse(" Example.COM ")).toBe("example.com");
    expect(OwnDomain.parse("exämple.se")).toBe("xn--exmple-cua.se");
    expect(OwnDomain.parse("localhost")).toBe("localhost");
  });

  it("make campaign slugs, and leave a slug as it is", () => {
    expect(campaignSlug("Höst-kampanjen: Ørestad & Malmö")).toBe("host-kampanjen-orestad-malmo");
    expect(campaignSlug("spring-2026")).toBe("spring-2026");
    expect(campaignSlug("!!!")).toBe("");
  });
});
