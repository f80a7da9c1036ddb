import { provideTestRuntime, type RecordingPublisher } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { beforeAll, describe, expect, it } from "vitest";
import { Audit } from "../audit";
import { campaignOf } from "../campaign/test-support";
import { testClock } from "../member/test-support";
import { Content } from ".";
import { article } from "./test-support";

describe("the content library, as an admin uses it", () => {
  const clock = testClock();
  let publisher: RecordingPublisher;
  beforeAll(() => {
    publisher = provideTestRuntime({ now: clock.now }).publisher;
  });

  async function library() {
    const org = await newOrganisation();
    const admin = await activeMember(org, newEmail(), "admin");
    return { org, admin };
  }

  const publishedEventsFor = (contentId: string) =>
    publisher.published.filter(
      (event) =>
        event.detailType === "content.published" &&
        (event.detail.properties as { contentId: string }).contentId === contentId,
    );

  it("creates a draft in the actor's organisation, with normalised topics and text ids", async () => {
    const { org, admin } = await library();
    clock.advance(1000);
    const created = await Content.create(admin, {
      ...article({ topics: [" engineering ", "engineering", "hiring"] }),
      suggestedTexts: [{ channel: "linkedin", language: "en", text: "  Worth a read.  " }],
    });
    expect(created).toMatchObject({
      orgId: org.orgId,
      kind: "external",
      status: "draft",
      source: "admin",
      createdBy: admin.memberId,
      awaitingApproval: false,
      featured: false,
      topics: ["engineering", "hiring"],
      createdAt: clock.now().toISOString(),
    });
    expect(created.suggestedTexts).toEqual([
      { id: expect.any(String), channel: "linkedin", language: "en", text: "Worth a read." },
    ]);
    expect(await Content.get(org.orgId, created.contentId)).toEqual(created);
    const { entries } = await Audit.list(org.orgId, { limit: 1 });
    expect(entries[0]).toMatchObject({
      action: "content.created",
      actorMemberId: admin.memberId,
      details: { contentId: created.contentId },
    });
  });

  it("updates only the given fields, clears optional ones with null and keeps text ids", async () => {
    const { org, admin } = await library();
    await campaignOf(admin, "spring");
    const created = await Content.create(admin, {
      ...article({ imageUrl: "https://acme.example/cover.png", campaignId: "spring" }),
      suggestedTexts: [{ channel: "any", language: "en", text: "First" }],
    });
    const textId = created.suggestedTexts[0]?.id;
    clock.advance(1000);
    const updated = await Content.update(admin, created.contentId, {
      title: "A better title",
      imageUrl: null,
      campaignId: null,
      suggestedTexts: [
        { id: textId, channel: "any", language: "en", text: "First, edited" },
        { channel: "x", language: "sv", text: "Läs!" },
      ],
    });
    expect(updated).toMatchObject({
      title: "A better title",
      summary: created.summary,
      url: created.url,
      updatedAt: clock.now().toISOString(),
    });
    expect(updated.imageUrl).toBeUndefined();
    expect(updated.campaignId).toBeUndefined();
    expect(updated.suggestedTexts.map((text) => text.id)[0]).toBe(textId);
    expect(updated.suggestedTexts).toHaveLength(2);
    expect(await Content.get(org.orgId, created.contentId)).toEqual(updated);
  });

  it("publishes now, emits content.published once with ids only, and archives", async () => {
    const { org, admin } = await library();
    const created = await Content.create(admin, article());
    clock.advance(1000);
    const published = await Content.publish(admin, created.contentId);
    expect(published).toMatchObject({
      status: "published",
      publishedAt: clock.now().toISOString(),
    });
    expect(Content.isLive(published, clock.now())).toBe(true);
    // Publishing again changes nothing and emits nothing.
    await Content.publish(admin, created.contentId);
    const events = publishedEventsFor(created.contentId);
    expect(events).toHaveLength(1);
    expect(events[0]?.detail.properties).toEqual({ contentId: created.contentId });
    expect(events[0]?.detail.metadata).toMatchObject({ orgId: org.orgId });
    expect(JSON.stringify(events[0])).not.toContain(created.title);

    const archived = await Content.archive(admin, created.contentId);
    expect(archived.status).toBe("archived");
    expect(Content.isLive(archived, clock.now())).toBe(false);
    expect((await Content.list(org.orgId, { status: "archived" })).items).toEqual([archived]);
    const actions = (await Audit.list(org.orgId)).entries.map((entry) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining(["content.created", "content.published", "content.archived"]),
    );
  });

  it("schedules a publish time ahead, and the due run publishes it then, once", async () => {
    const { org, admin } = await library();
    const publishAt = new Date(clock.now().getTime() + 3_600_000).toISOString();
    const created = await Content.create(admin, article({ publishAt }));
    const scheduled = await Content.publish(admin, created.contentId);
    expect(scheduled.status).toBe("scheduled");
    expect(scheduled.publishedAt).toBeUndefined();
    expect(publishedEventsFor(created.contentId)).toHaveLength(0);
    expect(await Content.publishDue(org.orgId)).toEqual([]);

    clock.advance(3_600_000);
    expect(await Content.publishDue(org.orgId)).toEqual([created.contentId]);
    expect(await Content.publishDue(org.orgId)).toEqual([]);
    const live = await Content.get(org.orgId, created.contentId);
    expect(live).toMatchObject({ status: "published", publishedAt: clock.now().toISOString() });
    expect(publishedEventsFor(created.contentId)).toHaveLength(1);
  });

  it("an item past its expiry is not live, and an expired item is not published", async () => {
    const { admin } = await library();
    const expiresAt = new Date(clock.now().getTime() + 60_000).toISOString();
    const created = await Content.create(admin, article({ expiresAt }));
    const published = await Content.publish(admin, created.contentId);
    expect(Content.isLive(published, clock.now())).toBe(true);
    expect(Content.isLive(published, new Date(Date.parse(expiresAt)))).toBe(false);

    const other = await Content.create(admin, article({ expiresAt }));
    clock.advance(60_000);
    await expect(Content.publish(admin, other.contentId)).rejects.toMatchObject({
      kind: "conflict",
      code: "content_expired",
    });
  });

  it("lists the library by status and topic, a page at a time", async () => {
    const { org, admin } = await library();
    const a = await Content.create(admin, article({ topics: ["engineering"] }));
    const b = await Content.create(admin, article({ topics: ["hiring"] }));
    await Content.publish(admin, b.contentId);
    const byTopic = await Content.list(org.orgId, { topic: "engineering" });
    expect(byTopic.items.map((item) => item.contentId)).toEqual([a.contentId]);
    const drafts = await Content.list(org.orgId, { status: "draft" });
    expect(drafts.items.map((item) => item.contentId)).toEqual([a.contentId]);
    const first = await Content.list(org.orgId, { limit: 1 });
    expect(first.items).toHaveLength(1);
    const second = await Content.list(org.orgId, { limit: 1, cursor: first.cursor });
    expect(second.items).toHaveLength(1);
    expect(second.items[0]?.contentId).not.toBe(first.items[0]?.contentId);
    await expect(Content.list(org.orgId, { cursor: "not-a-cursor" })).rejects.toMatchObject({
      kind: "invalid",
    });
  });

  it("cannot reach another organisation's content, even by naming it", async () => {
    const { admin } = await library();
    const other = await library();
    const theirs = await Content.create(other.admin, article());
    await expect(Content.get(admin.orgId, theirs.contentId)).rejects.toMatchObject({
      kind: "not_found",
    });
    await expect(
      Content.update(admin, theirs.contentId, { title: "Mine now" }),
    ).rejects.toMatchObject({ kind: "not_found" });
    await expect(Content.publish(admin, theirs.contentId)).rejects.toMatchObject({
      kind: "not_found",
    });
    await expect(Content.archive(admin, theirs.contentId)).rejects.toMatchObject({
      kind: "not_found",
    });
    // Claiming the other organisation in the actor does not work either.
    await expect(
      Content.update({ ...admin, orgId: other.org.orgId }, theirs.contentId, { title: "x" }),
    ).rejects.toMatchObject({ kind: "forbidden" });
    expect((await Content.get(other.org.orgId, theirs.contentId)).title).toBe(theirs.title);
  });
});
