import { describe, expect, it } from "vitest";
import { DomainError } from "../error";
import { CHANNELS, type Channel, channelList, shareAction } from "./channels";
import { ChannelId, ChannelInfo, type ShareInput } from "./share.schema";

const TEXT =
  "Läs vår nya rapport 🚀 & mer: #hållbarhet? 100% säkert\nRad två: 1+1=2, ÅÄÖ åäö 'citat' \"så\" /snett/";
const TITLE = "Vår rapport: 50% & #1? Ja!";
/** A tracked link with its own query and fragment, so the link must be encoded too. */
const LINK = "https://go.sprida.example/r/Ab3dE5gH9k?x=1&y=två#frag";

const INPUT: ShareInput = { url: LINK, text: TEXT, title: TITLE, instance: "mastodon.social" };

function thrown(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

/** Decodes the query the RFC 3986 way (a "+" stays a plus), unlike URLSearchParams. */
function strictParams(url: string): Record<string, string> {
  const query = url.split("?")[1] ?? "";
  return Object.fromEntries(
    query.split("&").map((piece) => {
      const [name = "", value = ""] = piece.split("=");
      return [decodeURIComponent(name), decodeURIComponent(value)];
    }),
  );
}

const expected: Record<string, { at: string; params: Record<string, string> }> = {
  linkedin: { at: "https://www.linkedin.com/sharing/share-offsite/", params: { url: LINK } },
  x: { at: "https://x.com/intent/tweet", params: { text: TEXT, url: LINK } },
  facebook: { at: "https://www.facebook.com/sharer/sharer.php", params: { u: LINK } },
  xing: { at: "https://www.xing.com/spi/shares/new", params: { url: LINK } },
  whatsapp: { at: "https://wa.me/", params: { text: `${TEXT} ${LINK}` } },
  telegram: { at: "https://t.me/share/url", params: { url: LINK, text: TEXT } },
  reddit: { at: "https://www.reddit.com/submit", params: { url: LINK, title: TITLE } },
  bluesky: { at: "https://bsky.app/intent/compose", params: { text: `${TEXT} ${LINK}` } },
  mastodon: { at: "https://mastodon.social/share", params: { text: `${TEXT} ${LINK}` } },
  threads: { at: "https://www.threads.com/intent/post", params: { text: TEXT, url: LINK } },
  // RFC 6068: line breaks in a mailto body are CRLF.
  email: {
    at: "mailto:",
    params: { subject: TITLE, body: `${TEXT}\n\n${LINK}`.replaceAll("\n", "\r\n") },
  },
};

describe("the channel table", () => {
  it("has one entry per channel id, under its own id, and a share URL exactly for intents", () => {
    expect(Object.keys(CHANNELS).sort()).toEqual([...ChannelId.options].sort());
    for (const [key, channel] of Object.entries(CHANNELS) as [string, Channel][]) {
      expect(channel.id).toBe(key);
      expect(typeof channel.intent === "function").toBe(channel.kind === "intent");
    }
    const intents = Object.values(CHANNELS as Record<string, Channel>)
      .filter((channel) => channel.kind === "intent")
      .map((channel) => channel.id);
    expect(intents.sort()).toEqual(Object.keys(expected).sort());
  });

  it("lists as plain data the API can send", () => {
    const list = channelList();
    expect(list.map((channel) => channel.id)).toEqual(ChannelId.options);
    for (const channel of list) expect(ChannelInfo.parse(channel)).toEqual(channel);
    expect(JSON.parse(JSON.stringify(list))).toEqual(list);
  });
});

describe("share URLs carry the text and link exactly", () => {
  it.each(Object.entries(expected))("%s", (channel, { at, params }) => {
    const action = shareAction(channel, INPUT);
    const url = action.url ?? "";

    const parsed = new URL(url);
    expect(url.split("?")[0]).toBe(at);
    expect(parsed.hash).toBe("");
    expect(Object.fromEntries(parsed.searchParams)).toEqual(params);
    // Networks decode either way; a space written as "+" would show as a plus on some.
    expect(strictParams(url)).toEqual(params);
    expect(parsed.search).not.toMatch(/[+ \n]/);
  });

  it("leaves out an empty text rather than sending an empty parameter", () => {
    const input = { url: LINK, text: "" };
    expect(new URL(shareAction("x", input).url ?? "").searchParams.has("text")).toBe(false);
    expect(new URL(shareAction("threads", input).url ?? "").searchParams.has("text")).toBe(false);
    expect(new URL(shareAction("whatsapp", input).url ?? "").searchParams.get("text")).toBe(LINK);
    expect(new URL(shareAction("reddit", input).url ?? "").searchParams.has("title")).toBe(false);
    expect(shareAction("linkedin", input).copyText).toBeUndefined();
  });

  it("keeps the e-mail subject on one line", () => {
    const url = shareAction("email", { ...INPUT, title: "Rad ett\nrad två" }).url ?? "";
    expect(new URL(url).searchParams.get("subject")).toBe("Rad ett rad två");
  });
});

describe("networks that do not take the text", () => {
  it("LinkedIn says so, and its action copies the member's text before opening", () => {
    expect(CHANNELS.linkedin.acceptsText).toBe(false);
    const action = shareAction("linkedin", INPUT);
    expect(action).toEqual({ kind: "intent", url: action.url, copyText: TEXT });
    expect(new URL(action.url ?? "").searchParams.has("text")).toBe(false);
  });

  it("Facebook, XING and Reddit copy the text too; networks that take it do not", () => {
    for (const channel of ["facebook", "xing", "reddit"]) {
      expect(shareAction(channel, INPUT).copyText).toBe(TEXT);
    }
    for (const channel of ["x", "whatsapp", "telegram", "bluesky", "mastodon", "threads"]) {
      expect(shareAction(channel, INPUT).copyText).toBeUndefined();
    }
  });

  it("Instagram, Snapchat and TikTok offer the image and copy text and link", () => {
    for (const channel of ["instagram", "snapchat", "tiktok"]) {
      expect(shareAction(channel, INPUT)).toEqual({
        kind: "download",
        downloadImage: true,
        copyText: `${TEXT} ${LINK}`,
      });
    }
  });

  it("copy copies the link", () => {
    expect(shareAction("copy", INPUT)).toEqual({ kind: "copy", copyText: LINK });
  });
});

describe("Mastodon needs the member's server", () => {
  it("refuses to build a link without one, with a message for the member", () => {
    for (const instance of [undefined, "", "  "]) {
      expect(thrown(() => shareAction("mastodon", { ...INPUT, instance }))).toMatchObject({
        kind: "invalid",
        code: "mastodon_instance_required",
        message: expect.stringMatching(/Mastodon server/),
      });
    }
  });

  it("opens the share page on that server", () => {
    const url = new URL(shareAction("mastodon", INPUT).url ?? "");
    expect(url.origin).toBe("https://mastodon.social");
    expect(url.pathname).toBe("/share");
    expect(
      new URL(shareAction("mastodon", { ...INPUT, instance: " Fosstodon.ORG " }).url ?? "").host,
    ).toBe("fosstodon.org");
    expect(
      new URL(shareAction("mastodon", { ...INPUT, instance: "mastödon.se" }).url ?? "").host,
    ).toBe("xn--mastdon-d1a.se");
  });

  it.each([
    "evil.com/path",
    "https://mastodon.social",
    "mastodon.social:8443",
    "user@mastodon.social",
    "@me@mastodon.social",
    "mastodon.social?x=1",
    "mastodon.social#x",
    "mastodon social",
    "127.0.0.1",
    "[::1]",
    "localhost",
    "-bad.example",
    "evil.com%2Fpath",
    "evil.com\\path",
  ])("refuses %j as a server", (instance) => {
    expect(thrown(() => shareAction("mastodon", { ...INPUT, instance }))).toMatchObject({
      kind: "invalid",
      code: "mastodon_instance_invalid",
    });
  });
});

describe("bad input", () => {
  it("refuses an unknown channel by the channel enum", () => {
    expect(ChannelId.safeParse("myspace").success).toBe(false);
    const error = thrown(() => shareAction("myspace", INPUT));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: "invalid", code: "unknown_channel" });
  });

  it.each([
    ["a javascript: link", { url: "javascript:alert(1)" }],
    ["a data: link", { url: "data:text/html,<script>alert(1)</script>" }],
    ["a relative link", { url: "/r/Ab3dE5gH9k" }],
    ["oversized text", { text: "å".repeat(3_001) }],
    ["a broken character", { text: "half a pair \ud83d" }],
    ["an unknown field", { memberId: "m-1" }],
  ])("refuses %s", (_, change) => {
    expect(thrown(() => shareAction("x", { ...INPUT, ...change } as ShareInput))).toMatchObject({
      kind: "invalid",
      code: "invalid_input",
    });
  });
});
