import { describe, expect, it } from "vitest";
import { canonicalUrl, cleanText, htmlToText, httpUrl } from "./text";

describe("the canonical address of a link (the deduplication key)", () => {
  it("drops the fragment and every utm_* parameter, whatever its case or encoding", () => {
    expect(
      canonicalUrl(
        "https://example.com/a?utm_source=x&UTM_Medium=y&utm%5Fcampaign=z&utm_content&id=1#top",
      ),
    ).toBe("https://example.com/a?id=1");
  });

  it("lower-cases the host, drops a default port and an empty query", () => {
    expect(canonicalUrl("https://News.Example.COM:443/Path?utm_source=x")).toBe(
      "https://news.example.com/Path",
    );
  });

  it("keeps other parameters in their order and spelling, so one link is one key", () => {
    const tracked = "https://example.com/s?q=a%20b&utm_source=rss&page=2&sort=new+first";
    const plain = "https://example.com/s?q=a%20b&page=2&sort=new+first";
    expect(canonicalUrl(tracked)).toBe(plain);
    expect(canonicalUrl(plain)).toBe(plain);
  });

  it("keeps parameters that merely contain utm", () => {
    expect(canonicalUrl("https://example.com/?xutm_source=1&utm=2")).toBe(
      "https://example.com/?xutm_source=1&utm=2",
    );
  });
});

describe("http(s) addresses", () => {
  it("resolves relative addresses and refuses other schemes and credentials", () => {
    expect(httpUrl("../b", "https://example.com/a/c")).toBe("https://example.com/b");
    expect(httpUrl(" //cdn.example.com/x.png ", "https://example.com/")).toBe(
      "https://cdn.example.com/x.png",
    );
    expect(httpUrl("javascript:alert(1)", "https://example.com/")).toBeNull();
    expect(httpUrl("data:image/png;base64,AA", "https://example.com/")).toBeNull();
    expect(httpUrl("https://user:pw@example.com/")).toBeNull();
    expect(httpUrl("relative/without/base")).toBeNull();
    expect(httpUrl(`https://example.com/${"a".repeat(3000)}`)).toBeNull();
  });
});

describe("plain text", () => {
  it("drops tags, scripts and styles, decodes entities and separates blocks", () => {
    const text = htmlToText(
      '<style>p{}</style><p>One&nbsp;&amp;&#32;two</p><p>three<br>four</p><script>alert("x")</script>',
    );
    expect(text).not.toMatch(/[<>]|alert|p\{/);
    expect(cleanText(text, 100)).toBe("One & two three four");
  });

  it("collapses whitespace, removes control characters and cuts long text with an ellipsis", () => {
    expect(cleanText("  a \n\t b\u0000c\u0007  ", 100)).toBe("a bc");
    expect(cleanText("    ", 100)).toBeNull();
    expect(cleanText("abcdef", 4)).toBe("abc…");
    // Cut by characters, never inside one: "😀" is two UTF-16 units.
    expect(cleanText("😀😀😀😀", 3)).toBe("😀😀…");
  });

  it("strips bidirectional controls and decoding damage, normalises to NFC, and drops invisible-only text", () => {
    expect(cleanText("Cafe\u0301 \u202Eevil\u202C\uFFFD news\u2066", 100)).toBe("Café evil news");
    expect(cleanText("\u200B\u200D\uFEFF \u3164", 100)).toBeNull();
    expect(cleanText("👩‍💻 at work", 100)).toBe("👩‍💻 at work");
  });
});
