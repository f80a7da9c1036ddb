import { provideTestRuntime } from "@sprida/testing/runtime";
import { activeMember, newEmail, newOrganisation } from "@sprida/testing/test-members";
import { beforeAll, describe, expect, it } from "vitest";
import { Member } from "../member";
import { Content } from ".";
import { activeCurator, article } from "./test-support";

describe("who may curate content", () => {
  beforeAll(() => provideTestRuntime());

  async function team() {
    const org = await newOrganisation();
    return {
      org,
      owner: await activeMember(org, newEmail(), "owner"),
      admin: await activeMember(org, newEmail(), "admin"),
      curator: await activeCurator(org, ["engineering", "hiring"]),
      member: await activeMember(org, newEmail(), "member"),
    };
  }

  it("a curator creates, edits, publishes and archives items within its topics", async () => {
    const { curator } = await team();
    const created = await Content.create(curator, article({ topics: ["engineering", "hiring"] }));
    expect(created.source).toBe("curator");
    await Content.update(curator, created.contentId, { topics: ["hiring"] });
    expect((await Content.publish(curator, created.contentId)).status).toBe("published");
    expect((await Content.archive(curator, created.contentId)).status).toBe("archived");
  });

  it("a curator can touch nothing outside its topics, nor items without topics", async () => {
    const { org, admin, curator } = await team();
    await expect(
      Content.create(curator, article({ topics: ["engineering", "finance"] })),
    ).rejects.toMatchObject({ kind: "forbidden", code: "outside_topics" });
    await expect(Content.create(curator, article({ topics: [] }))).rejects.toMatchObject({
      code: "outside_topics",
    });
    const finance = await Content.create(admin, article({ topics: ["finance"] }));
    const untopical = await Content.create(admin, article({ topics: [] }));
    for (const item of [finance, untopical]) {
      await expect(
        Content.update(curator, item.contentId, { title: "Edited" }),
      ).rejects.toMatchObject({ kind: "forbidden", code: "outside_topics" });
      await expect(Content.publish(curator, item.contentId)).rejects.toMatchObject({
        code: "outside_topics",
      });
      await expect(Content.archive(curator, item.contentId)).rejects.toMatchObject({
        code: "outside_topics",
      });
      expect(await Content.get(org.orgId, item.contentId)).toEqual(item);
    }
    // Nor can it move its own item out of its topics.
    const own = await Content.create(curator, article({ topics: ["engineering"] }));
    await expect(
      Content.update(curator, own.contentId, { topics: ["finance"] }),
    ).rejects.toMatchObject({ code: "outside_topics" });
    expect((await Content.get(org.orgId, own.contentId)).topics).toEqual(["engineering"]);
  });

  it("members cannot create, edit or publish; owners and admins can anything", async () => {
    const { owner, admin, member } = await team();
    await expect(Content.create(member, article())).rejects.toMatchObject({
      kind: "forbidden",
      code: "curator_required",
    });
    const item = await Content.create(owner, article({ topics: ["anything"] }));
    await expect(Content.update(member, item.contentId, { title: "x" })).rejects.toMatchObject({
      code: "curator_required",
    });
    await expect(Content.publish(member, item.contentId)).rejects.toMatchObject({
      code: "curator_required",
    });
    expect((await Content.publish(admin, item.contentId)).status).toBe("published");
  });

  it("the stored role counts, not the session's: demoted or deactivated, no longer curates", async () => {
    const { owner, admin, curator } = await team();
    await Member.changeRole(owner, curator.memberId, "member");
    await expect(
      Content.create(curator, article({ topics: ["engineering"] })),
    ).rejects.toMatchObject({ kind: "forbidden" });
    await Member.deactivate(owner, admin.memberId);
    await expect(Content.create(admin, article())).rejects.toMatchObject({
      kind: "forbidden",
      code: "not_active",
    });
  });

  it("a member suggests a link: a draft awaiting approval that curators see and approve", async () => {
    const { org, curator, member } = await team();
    const suggested = await Content.suggest(member, {
      url: "https://news.example/story",
      topics: ["engineering"],
    });
    expect(suggested).toMatchObject({
      orgId: org.orgId,
      status: "draft",
      source: "member_suggestion",
      awaitingApproval: true,
      createdBy: member.memberId,
      title: "https://news.example/story",
      language: "en",
    });
    const waiting = await Content.list(org.orgId, { awaitingApproval: true });
    expect(waiting.items.map((item) => item.contentId)).toEqual([suggested.contentId]);

    await expect(Content.approve(member, suggested.contentId)).rejects.toMatchObject({
      kind: "forbidden",
    });
    const approved = await Content.approve(curator, suggested.contentId);
    expect(approved).toMatchObject({ status: "published", awaitingApproval: false });
    await expect(Content.approve(curator, suggested.contentId)).rejects.toMatchObject({
      kind: "conflict",
      code: "not_awaiting_approval",
    });
  });

  it("a suggestion without topics waits for an admin", async () => {
    const { admin, curator, member } = await team();
    const suggested = await Content.suggest(member, { url: "https://news.example/other" });
    await expect(Content.approve(curator, suggested.contentId)).rejects.toMatchObject({
      code: "outside_topics",
    });
    expect((await Content.approve(admin, suggested.contentId)).status).toBe("published");
  });
});
