import { provideTestRuntime } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { beforeAll, describe, expect, it } from "vitest";
import { campaignOf } from "../campaign/test-support";
import { Content } from "../content";
import { article } from "../content/test-support";
import { DomainError } from "../error";
import type { MembershipRef } from "../member";
import { testClock } from "../member/test-support";
import { Share } from "../share";
import { Tally } from "../tally";
import { TestLink } from "../tally/test-support";
import { Feed } from ".";

const clock = testClock("2026-05-01T08:00:00.000Z");

beforeAll(() => {
  provideTestRuntime({ now: clock.now });
});

async function publish(
  admin: MembershipRef,
  title: string,
  overrides: Record<string, unknown> = {},
) {
  clock.advance(60_000);
  const draft = await Content.create(admin, { ...article({ title }), ...overrides });
  return Content.publish(admin, draft.contentId);
}

/** A library whose feed order is known: see the expectations below. */
async function library() {
  const org = await newOrganisation();
  const admin = await activeMember(org, newEmail(), "admin");
  const member = await activeMember(org, newEmail());
  const featuredOld = await publish(admin, "featured, oldest", { featured: true });
  const swedish = await publish(admin, "swedish", { language: "sv", topics: ["culture"] });
  const hiringSv = await publish(admin, "hiring, swedish", { language: "sv", topics: ["hiring"] });
  await campaignOf(admin, "spring");
  const english = await publish(admin, "english", { campaignId: "spring" });
  const expiring = await publish(admin, "expiring", {
    expiresAt: new Date(clock.now().getTime() + 10 * 60_000).toISOString(),
  });
  const newest = await publish(admin, "english, newest", { topics: ["engineering", "culture"] });
  await Content.create(admin, article({ title: "a draft" }));
  const archived = await publish(admin, "archived");
  await Content.archive(admin, archived.contentId);
  // Another organisation's live item never shows.
  const elsewhere = await newOrganisation();
  await publish(await activeMember(elsewhere, newEmail(), "admin"), "elsewhere");
  return { org, admin, member, featuredOld, swedish, hiringSv, english, expiring, newest };
}

const titles = (items: { title: string }[]) => items.map((item) => item.title);

describe("the member feed", () => {
  it("orders featured, followed topics, the member's language, then newest", async () => {
    const { member } = await library();
    const { items, cursor } = await Feed.list(member, { followedTopics: ["hiring"] });
    expect(titles(items)).toEqual([
      "featured, oldest",
      "hiring, swedish",
      "english, newest",
      "expiring",
      "english",
      "swedish",
    ]);
    expect(cursor).toBeNull();
    const unfollowed = await Feed.list(member);
    expect(titles(unfollowed.items)).toEqual([
      "featured, oldest",
      "english, newest",
      "expiring",
      "english",
      "hiring, swedish",
      "swedish",
    ]);
  });

  it("drops an item once it expires", async () => {
    const { member } = await library();
    clock.advance(20 * 60_000);
    expect(titles((await Feed.list(member)).items)).not.toContain("expiring");
  });

  it("filters by topic and by campaign", async () => {
    const { member } = await library();
    expect(titles((await Feed.list(member, { topic: "culture" })).items)).toEqual([
      "english, newest",
      "swedish",
    ]);
    expect(titles((await Feed.list(member, { campaignId: "spring" })).items)).toEqual(["english"]);
    expect((await Feed.list(member, { topic: "nothing" })).items).toEqual([]);
  });

  it("pages with an opaque cursor through the same order", async () => {
    const { member } = await library();
    const all = titles((await Feed.list(member)).items);
    const paged: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof Feed.list>> = await Feed.list(member, {
        limit: 4,
        cursor,
      });
      paged.push(...titles(page.items));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(paged).toEqual(all);
  });

  it("refuses a forged cursor", async () => {
    const { member } = await library();
    for (const cursor of ["nonsense", Buffer.from('{"v":1,"o":-1}').toString("base64url")]) {
      const error = await Feed.list(member, { cursor }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ kind: "invalid", code: "invalid_cursor" });
    }
  });

  it("shows what I have shared: my links, confirmed or not, and no one else's", async () => {
    const { org, member, english } = await library();
    const colleague = await activeMember(org, newEmail());
    const onX = await Share.linkFor(member, { contentId: english.contentId, channel: "x" });
    await Share.linkFor(member, { contentId: english.contentId, channel: "linkedin" });
    await Share.linkFor(colleague, { contentId: english.contentId, channel: "email" });
    await Share.confirm(member, { code: onX.link.code });

    const item = (await Feed.list(member, { campaignId: "spring" })).items[0];
    expect(item?.shared).toBe(true);
    expect(item?.myLinks.map((link) => [link.channel, link.confirmed, link.clicks]).sort()).toEqual(
      [
        ["linkedin", false, 0],
        ["x", true, 0],
      ],
    );
    expect(item?.myLinks.find((link) => link.channel === "x")).toMatchObject({
      code: onX.link.code,
      url: onX.link.url,
    });
    const theirs = (await Feed.list(colleague, { campaignId: "spring" })).items[0];
    expect(theirs?.shared).toBe(false);
    expect(theirs?.myLinks.map((link) => link.channel)).toEqual(["email"]);
  });

  it("counts each of my links' unique human clicks, and nothing else", async () => {
    const { org, member, english } = await library();
    const onX = await Share.linkFor(member, { contentId: english.contentId, channel: "x" });
    const counted = Object.assign(
      new TestLink(org.orgId, member.memberId, english.contentId, "x"),
      {
        linkCode: onX.link.code,
      },
    );
    await Tally.applyBatch([
      counted.click("2026-05-01", "human"),
      counted.click("2026-05-01", "human"),
      counted.click("2026-05-01", "human", false),
      counted.click("2026-05-01", "bot"),
      counted.click("2026-05-01", "self"),
    ]);
    const item = (await Feed.list(member, { campaignId: "spring" })).items[0];
    expect(item?.myLinks).toEqual([expect.objectContaining({ channel: "x", clicks: 2 })]);
  });
});
