import { provideTestRuntime, type RecordingPublisher } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { campaignOf } from "../campaign/test-support";
import { Content } from "../content";
import { article } from "../content/test-support";
import { DomainError } from "../error";
import { ingest, listPartition } from "../ledger";
import { Member, type MembershipRef } from "../member";
import { testClock } from "../member/test-support";
import { Org } from "../org";
import { Outbox } from "../outbox";
import { Share } from ".";
import { linkToFollow } from "./link.lean";
import { chooseText } from "./links";

const clock = testClock("2026-04-01T08:00:00.000Z");
let publisher: RecordingPublisher;

beforeAll(() => {
  publisher = provideTestRuntime({ now: clock.now }).publisher;
});

async function caught(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

/** An organisation whose own domain is acme.example, an admin, a member and a live item. */
async function setting(contentOverrides: Record<string, unknown> = {}) {
  const created = await newOrganisation();
  const org = await Org.update(created.orgId, {
    ownDomains: ["acme.example"],
    // One of the test deployment's alternate origins: tracked links follow the choice.
    publicOrigin: "https://sprida.acme.example",
    settings: { curatorsNeedApproval: false, utmMedium: "ambassadors" },
  });
  const admin = await activeMember(org, newEmail(), "admin");
  const member = await activeMember(org, newEmail());
  // The campaign the tests' content names (content may only name an existing campaign).
  await campaignOf(admin, "Spring_Launch");
  const content = await publishedContent(admin, contentOverrides);
  return { org, admin, member, content };
}

async function publishedContent(admin: MembershipRef, overrides: Record<string, unknown> = {}) {
  const draft = await Content.create(admin, {
    ...article(),
    suggestedTexts: [
      { channel: "any", language: "en", text: "A good read" },
      { channel: "x", language: "en", text: "Read this on X" },
    ],
    ...overrides,
  });
  return Content.publish(admin, draft.contentId);
}

const eventsOf = (name: string, code: string) =>
  publisher.published.filter(
    (event) =>
      event.detailType === name &&
      (event.detail.properties as { linkCode: string }).linkCode === code,
  );

describe("a member's tracked link", () => {
  it("is made on first tap, with the share action on the tracked URL", async () => {
    const { org, member, content } = await setting();
    const result = await Share.linkFor(member, { contentId: content.contentId, channel: "x" });
    const url = `https://sprida.acme.example/r/${result.link.code}`;
    expect(result.created).toBe(true);
    expect(result.link).toEqual({
      code: expect.stringMatching(/^[0-9A-Za-z]{10}$/),
      contentId: content.contentId,
      channel: "x",
      destination:
        "https://acme.example/blog/build-times?ref=feed&utm_source=x&utm_medium=ambassadors&utm_content=" +
        content.contentId,
      url,
      createdAt: clock.now().toISOString(),
    });
    expect(org.publicOrigin).toBe("https://sprida.acme.example");
    // The channel-specific text wins over the "any" text.
    expect(result.text).toBe("Read this on X");
    expect(result.action).toEqual({
      kind: "intent",
      url: `https://x.com/intent/tweet?text=Read%20this%20on%20X&url=${encodeURIComponent(url)}`,
    });
  });

  it("is the same link on every call, and one link under 5 concurrent calls", async () => {
    const { member, content } = await setting();
    const input = { contentId: content.contentId, channel: "linkedin" };
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () => Share.linkFor(member, input)),
    );
    const codes = new Set(concurrent.map((result) => result.link.code));
    expect(codes.size).toBe(1);
    expect(concurrent.filter((result) => result.created)).toHaveLength(1);
    const again = await Share.linkFor(member, input);
    expect(again.created).toBe(false);
    expect(again.link).toEqual(concurrent[0]?.link);
    const [code] = [...codes] as [string];
    expect(eventsOf("share.created", code)).toHaveLength(1);
  });

  it("differs by channel and by member", async () => {
    const { org, member, content } = await setting();
    const other = await activeMember(org, newEmail());
    const onX = await Share.linkFor(member, { contentId: content.contentId, channel: "x" });
    const onLinkedIn = await Share.linkFor(member, {
      contentId: content.contentId,
      channel: "linkedin",
    });
    const othersOnX = await Share.linkFor(other, { contentId: content.contentId, channel: "x" });
    expect(new Set([onX.link.code, onLinkedIn.link.code, othersOnX.link.code]).size).toBe(3);
    expect(onLinkedIn.link.destination).toContain("utm_source=linkedin");
    // LinkedIn takes no text in its URL: the hub copies it first.
    expect(onLinkedIn.action.copyText).toBe("A good read");
  });

  it("publishes share.created once, with ids only", async () => {
    const { org, member, content } = await setting();
    const { link } = await Share.linkFor(member, {
      contentId: content.contentId,
      channel: "email",
    });
    await Share.linkFor(member, { contentId: content.contentId, channel: "email" });
    const events = eventsOf("share.created", link.code);
    expect(events).toHaveLength(1);
    expect(events[0]?.detail.properties).toEqual({
      linkCode: link.code,
      contentId: content.contentId,
      channel: "email",
      memberId: member.memberId,
    });
    expect(events[0]?.detail.metadata).toMatchObject({
      orgId: org.orgId,
      eventId: `share-created-${link.code}`,
    });
  });

  it("leaves destinations off the organisation's domains untouched, and stores them", async () => {
    const { admin, member } = await setting();
    const url = "https://news.example.org/story?id=7&utm_source=newsletter";
    const content = await publishedContent(admin, { url, campaignId: "Spring_Launch" });
    const { link } = await Share.linkFor(member, { contentId: content.contentId, channel: "x" });
    expect(link.destination).toBe(url);
    // Changing the content's URL later does not move an existing link.
    await Content.update(admin, content.contentId, { url: "https://acme.example/other" });
    const again = await Share.linkFor(member, { contentId: content.contentId, channel: "x" });
    expect(again.link.destination).toBe(url);
  });

  it("carries the campaign as utm_campaign on own domains, and no member identity", async () => {
    const { org, member, admin } = await setting();
    const content = await publishedContent(admin, { campaignId: "Spring_Launch" });
    const { link } = await Share.linkFor(member, {
      contentId: content.contentId,
      channel: "whatsapp",
    });
    const params = Object.fromEntries(new URL(link.destination).searchParams);
    expect(params).toEqual({
      ref: "feed",
      utm_source: "whatsapp",
      utm_medium: "ambassadors",
      utm_campaign: "spring-launch",
      utm_content: content.contentId,
    });
    expect(link.destination).not.toContain(member.memberId);
    expect(link.campaignId).toBe("Spring_Launch");
    // A published link never changes: moved out of the campaign, the content's existing link
    // still names it (and counts toward it); a new member's link names no campaign.
    await Content.update(admin, content.contentId, { campaignId: null });
    const again = await Share.linkFor(member, {
      contentId: content.contentId,
      channel: "whatsapp",
    });
    expect(again.link).toEqual(link);
    const colleague = await activeMember(org, newEmail());
    const theirs = await Share.linkFor(colleague, {
      contentId: content.contentId,
      channel: "whatsapp",
    });
    expect(theirs.link.campaignId).toBeUndefined();
    expect(new URL(theirs.link.destination).searchParams.has("utm_campaign")).toBe(false);
  });

  it("uses the member's own text when given", async () => {
    const { member, content } = await setting();
    const result = await Share.linkFor(member, {
      contentId: content.contentId,
      channel: "bluesky",
      text: "My own words",
    });
    expect(result.text).toBe("My own words");
    expect(result.suggestedTextId).toBeUndefined();
    expect(new URL(result.action.url ?? "").searchParams.get("text")).toBe(
      `My own words ${result.link.url}`,
    );
  });

  it("opens Mastodon on the member's server", async () => {
    const { member, content } = await setting();
    const result = await Share.linkFor(member, {
      contentId: content.contentId,
      channel: "mastodon",
      instance: "fosstodon.org",
    });
    expect(new URL(result.action.url ?? "").host).toBe("fosstodon.org");
  });

  it("opens Mastodon on the server in the member's profile, unless the share names another", async () => {
    const { member, content } = await setting();
    await Member.updateProfile(member.orgId, member.memberId, { mastodonServer: "Mastodon.Nu" });
    const share = (instance?: string) =>
      Share.linkFor(member, {
        contentId: content.contentId,
        channel: "mastodon",
        ...(instance === undefined ? {} : { instance }),
      });
    expect(new URL((await share()).action.url ?? "").host).toBe("mastodon.nu");
    expect(new URL((await share("fosstodon.org")).action.url ?? "").host).toBe("fosstodon.org");
    await Member.updateProfile(member.orgId, member.memberId, { mastodonServer: null });
    await expect(share()).rejects.toMatchObject({ code: "mastodon_instance_required" });
    await expect(
      Member.updateProfile(member.orgId, member.memberId, { mastodonServer: "https://x/" }),
    ).rejects.toMatchObject({ kind: "invalid" });
  });
});

describe("following a code: the redirect's read (./link.lean.ts)", () => {
  it("reads the stored destination by code, case-sensitively, and nothing for unknown codes", async () => {
    const { org, member, content } = await setting();
    const { link } = await Share.linkFor(member, { contentId: content.contentId, channel: "x" });
    expect(await linkToFollow(link.code)).toEqual({
      code: link.code,
      orgId: org.orgId,
      memberId: member.memberId,
      contentId: content.contentId,
      channel: "x",
      destination: link.destination,
    });
    const swapped = link.code.replace(/[A-Za-z]/, (letter) =>
      letter === letter.toUpperCase() ? letter.toLowerCase() : letter.toUpperCase(),
    );
    if (swapped !== link.code) expect(await linkToFollow(swapped)).toBeUndefined();
    expect(await linkToFollow("0000000000")).toBeUndefined();
    expect(await linkToFollow("../../etc")).toBeUndefined();
  });
});

describe("refused, with nothing written", () => {
  async function refusedWithoutWrite(
    member: MembershipRef,
    input: Parameters<typeof Share.linkFor>[1],
    expected: { kind: string; code: string },
  ) {
    const before = publisher.published.length;
    expect(await caught(Share.linkFor(member, input))).toMatchObject(expected);
    expect(publisher.published.length).toBe(before);
    expect(await Share.linksOfMember(member.orgId, member.memberId)).toEqual([]);
  }

  it("an unknown channel", async () => {
    const { member, content } = await setting();
    await refusedWithoutWrite(
      member,
      { contentId: content.contentId, channel: "myspace" },
      { kind: "invalid", code: "unknown_channel" },
    );
  });

  it("Mastodon without a server, or with a bad one", async () => {
    const { member, content } = await setting();
    await refusedWithoutWrite(
      member,
      { contentId: content.contentId, channel: "mastodon" },
      { kind: "invalid", code: "mastodon_instance_required" },
    );
    await refusedWithoutWrite(
      member,
      { contentId: content.contentId, channel: "mastodon", instance: "127.0.0.1" },
      { kind: "invalid", code: "mastodon_instance_invalid" },
    );
  });

  it("oversized text", async () => {
    const { member, content } = await setting();
    await refusedWithoutWrite(
      member,
      { contentId: content.contentId, channel: "x", text: "a".repeat(3_001) },
      { kind: "invalid", code: "invalid_input" },
    );
  });

  it("a draft, an archived item (gone, and said so), and another organisation's item", async () => {
    const { admin, member } = await setting();
    const draft = await Content.create(admin, article());
    await refusedWithoutWrite(
      member,
      { contentId: draft.contentId, channel: "x" },
      { kind: "not_found", code: "content_not_found" },
    );
    const archived = await publishedContent(admin);
    await Content.archive(admin, archived.contentId);
    await refusedWithoutWrite(
      member,
      { contentId: archived.contentId, channel: "x" },
      { kind: "gone", code: "content_archived" },
    );
    const foreign = await setting();
    await refusedWithoutWrite(
      member,
      { contentId: foreign.content.contentId, channel: "x" },
      { kind: "not_found", code: "content_not_found" },
    );
  });

  it("expired content", async () => {
    const { admin, member } = await setting();
    const content = await publishedContent(admin, {
      expiresAt: new Date(clock.now().getTime() + 60_000).toISOString(),
    });
    clock.advance(61_000);
    await refusedWithoutWrite(
      member,
      { contentId: content.contentId, channel: "x" },
      { kind: "gone", code: "content_expired" },
    );
  });
});

describe("confirming a share", () => {
  it("confirms once, with the post URL, and publishes share.confirmed once", async () => {
    const { org, member, content } = await setting();
    const { link } = await Share.linkFor(member, { contentId: content.contentId, channel: "x" });
    const postUrl = "https://x.com/me/status/1";
    const first = await Share.confirm(member, { code: link.code, postUrl });
    expect(first.confirmation).toEqual({ at: clock.now().toISOString(), via: "member", postUrl });
    clock.advance(1_000);
    const second = await Share.confirm(member, { code: link.code, postUrl: "https://x.com/2" });
    expect(second).toEqual(first);
    expect(await Share.confirmByFirstClick(link.code)).toEqual({
      code: link.code,
      confirmedAt: first.confirmation?.at,
      via: "member",
    });
    const events = eventsOf("share.confirmed", link.code);
    expect(events).toHaveLength(1);
    expect(events[0]?.detail.properties).toEqual({
      linkCode: link.code,
      contentId: content.contentId,
      channel: "x",
      memberId: member.memberId,
      via: "member",
    });
    expect(events[0]?.detail.metadata.orgId).toBe(org.orgId);
    // The member's links show it confirmed, and the link comes back confirmed.
    const [claim] = await Share.linksOfMember(org.orgId, member.memberId);
    expect(claim).toMatchObject({ code: link.code, confirmedAt: first.confirmation?.at });
    const again = await Share.linkFor(member, { contentId: content.contentId, channel: "x" });
    expect(again.link.confirmation).toEqual(first.confirmation);
  });

  it("two concurrent confirmations publish one event", async () => {
    const { member, content } = await setting();
    const { link } = await Share.linkFor(member, { contentId: content.contentId, channel: "x" });
    const results = await Promise.all([
      Share.confirm(member, { code: link.code }),
      Share.confirmByFirstClick(link.code),
      Share.confirm(member, { code: link.code }),
    ]);
    expect(results).toHaveLength(3);
    expect(eventsOf("share.confirmed", link.code)).toHaveLength(1);
  });

  it("the first unique click confirms a link the member did not", async () => {
    const { member, content } = await setting();
    const { link } = await Share.linkFor(member, { contentId: content.contentId, channel: "x" });
    const confirmed = await Share.confirmByFirstClick(link.code);
    expect(confirmed).toEqual({
      code: link.code,
      confirmedAt: expect.any(String),
      via: "first_unique_click",
    });
    expect((await Share.confirm(member, { code: link.code })).confirmation?.via).toBe(
      "first_unique_click",
    );
    expect(eventsOf("share.confirmed", link.code)).toHaveLength(1);
    expect(eventsOf("share.confirmed", link.code)[0]?.detail.properties).toMatchObject({
      via: "first_unique_click",
    });
  });

  it("another member's link, or an unknown code, is not found", async () => {
    const { org, member, content } = await setting();
    const other = await activeMember(org, newEmail());
    const { link } = await Share.linkFor(member, { contentId: content.contentId, channel: "x" });
    expect(await caught(Share.confirm(other, { code: link.code }))).toMatchObject({
      kind: "not_found",
      code: "share_link_not_found",
    });
    expect(await caught(Share.confirm(member, { code: "0000000000" }))).toMatchObject({
      kind: "not_found",
    });
    expect(await caught(Share.confirmByFirstClick("nope"))).toMatchObject({ kind: "not_found" });
    expect(eventsOf("share.confirmed", link.code)).toHaveLength(0);
  });

  it("refuses a post URL that is not http(s) or is too long", async () => {
    const { member, content } = await setting();
    const { link } = await Share.linkFor(member, { contentId: content.contentId, channel: "x" });
    for (const postUrl of [
      "javascript:alert(1)",
      "data:text/html,x",
      `https://x.com/${"a".repeat(2_000)}`,
    ]) {
      expect(await caught(Share.confirm(member, { code: link.code, postUrl }))).toMatchObject({
        kind: "invalid",
      });
    }
    expect(eventsOf("share.confirmed", link.code)).toHaveLength(0);
  });
});

describe("suggested texts", () => {
  const content = {
    contentId: "c-1",
    title: "The title",
    language: "en" as const,
    suggestedTexts: [
      { id: "a", channel: "any" as const, language: "en" as const, text: "A" },
      { id: "b", channel: "any" as const, language: "en" as const, text: "B" },
      { id: "c", channel: "any" as const, language: "en" as const, text: "C" },
      { id: "s", channel: "any" as const, language: "sv" as const, text: "S" },
    ],
  };

  it("rotate between members, the same text for the same member every time", () => {
    const chosen = new Set<string>();
    for (let index = 0; index < 40; index++) {
      const first = chooseText(content, "x", `member-${index}`, "en");
      expect(chooseText(content, "x", `member-${index}`, "en")).toEqual(first);
      chosen.add(first.text);
    }
    expect(chosen).toEqual(new Set(["A", "B", "C"]));
  });

  it("follow the member's language, then the content's, then the title", () => {
    expect(chooseText(content, "x", "m", "sv")).toEqual({ text: "S", suggestedTextId: "s" });
    expect(
      chooseText(
        { ...content, suggestedTexts: content.suggestedTexts.slice(0, 1) },
        "x",
        "m",
        "sv",
      ),
    ).toEqual({
      text: "A",
      suggestedTextId: "a",
    });
    expect(chooseText({ ...content, suggestedTexts: [] }, "x", "m", "en")).toEqual({
      text: "The title",
    });
  });
});

describe("the ledger keeps share events by link", () => {
  it("records share.created and share.confirmed in link_<code>, once each", async () => {
    const { member, content } = await setting();
    const { link } = await Share.linkFor(member, { contentId: content.contentId, channel: "x" });
    await Share.confirm(member, { code: link.code });
    const events = [
      ...eventsOf("share.created", link.code),
      ...eventsOf("share.confirmed", link.code),
    ];
    for (const event of events) {
      const delivered = {
        version: "0",
        id: event.detail.metadata.eventId,
        "detail-type": event.detailType,
        source: event.source,
        account: "000000000000",
        time: new Date().toISOString(),
        region: "local",
        resources: [],
        detail: event.detail,
      };
      expect(await ingest(delivered)).toBe("recorded");
      expect(await ingest(delivered)).toBe("duplicate");
    }
    const kept = await listPartition(`link_${link.code}`);
    expect(kept.map((entry) => entry.name).sort()).toEqual(["share.confirmed", "share.created"]);
  });
});

describe("share events when the bus fails", () => {
  it("answers anyway, and the outbox job publishes share.created and share.confirmed later, once", async () => {
    const { member, content } = await setting();
    const publish = publisher.publish.bind(publisher);
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    publisher.publish = async () => {
      throw new Error("the bus is unavailable");
    };
    try {
      const { link, created } = await Share.linkFor(member, {
        contentId: content.contentId,
        channel: "linkedin",
      });
      expect(created).toBe(true);
      expect((await Share.confirm(member, { code: link.code })).confirmation?.via).toBe("member");
      expect(eventsOf("share.created", link.code)).toHaveLength(0);

      publisher.publish = publish;
      const later = new Date(clock.now().getTime() + 2 * 60_000);
      await Outbox.republish({ now: later });
      expect(eventsOf("share.created", link.code)).toHaveLength(1);
      expect(eventsOf("share.confirmed", link.code)).toHaveLength(1);
      await Outbox.republish({ now: later });
      expect(eventsOf("share.created", link.code)).toHaveLength(1);
    } finally {
      publisher.publish = publish;
      quiet.mockRestore();
    }
  });

  it("leaves nothing in the outbox when the bus takes the events", async () => {
    const { member, content } = await setting();
    const { link } = await Share.linkFor(member, { contentId: content.contentId, channel: "x" });
    await Share.confirm(member, { code: link.code });
    await Outbox.republish({ now: new Date(clock.now().getTime() + 2 * 60_000) });
    expect(eventsOf("share.created", link.code)).toHaveLength(1);
    expect(eventsOf("share.confirmed", link.code)).toHaveLength(1);
  });
});
