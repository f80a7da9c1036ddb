import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { Audit } from "../audit";
import { changeRole, deactivate, reactivate, setCuratorTopics, updateSegment } from "./admin";
import { currentCounts } from "./counts";
import { invite } from "./invite";
import { SYSTEM_ACTOR } from "./member.schema";
import { get } from "./read";
import { join, newOrg, testClock, uniqueEmail } from "./test-support";

describe("admin actions on members", () => {
  const clock = testClock();
  beforeAll(() => provideTestRuntime({ now: clock.now }));

  async function team() {
    const org = await newOrg();
    return {
      org,
      owner: await join(org.orgId, "owner"),
      admin: await join(org.orgId, "admin"),
      curator: await join(org.orgId, "curator"),
      member: await join(org.orgId, "member"),
    };
  }

  it("admins change roles below owner, and each change is audited with who and what", async () => {
    const { org, admin, member } = await team();
    clock.advance(1000);
    const changed = await changeRole(admin, member.memberId, "curator");
    expect(changed.role).toBe("curator");
    const { entries } = await Audit.list(org.orgId, { limit: 1 });
    expect(entries[0]).toMatchObject({
      action: "member.role_changed",
      actorMemberId: admin.memberId,
      targetMemberId: member.memberId,
      details: { from: "member", to: "curator" },
      at: clock.now().toISOString(),
    });
  });

  it("members and curators cannot act as admins", async () => {
    const { member, curator, admin } = await team();
    for (const actor of [member, curator]) {
      await expect(changeRole(actor, admin.memberId, "member")).rejects.toMatchObject({
        kind: "forbidden",
        code: "admin_required",
      });
      await expect(deactivate(actor, admin.memberId)).rejects.toMatchObject({ kind: "forbidden" });
    }
  });

  it("an admin can neither change an owner nor grant the owner role", async () => {
    const { admin, owner, member } = await team();
    await expect(changeRole(admin, owner.memberId, "member")).rejects.toMatchObject({
      kind: "forbidden",
      code: "owner_required",
    });
    await expect(changeRole(admin, member.memberId, "owner")).rejects.toMatchObject({
      code: "owner_required",
    });
    await expect(deactivate(admin, owner.memberId)).rejects.toMatchObject({
      code: "owner_required",
    });
    expect((await get(owner.orgId, owner.memberId)).role).toBe("owner");
  });

  it("owners grant and revoke the owner role, but the last active owner stays an owner", async () => {
    const { org, owner, admin } = await team();
    await expect(changeRole(owner, owner.memberId, "admin")).rejects.toMatchObject({
      kind: "conflict",
      code: "last_owner",
    });
    await changeRole(owner, admin.memberId, "owner");
    expect((await currentCounts(org.orgId)).owners).toBe(2);
    await changeRole(owner, owner.memberId, "admin");
    expect((await currentCounts(org.orgId)).owners).toBe(1);
    expect((await get(org.orgId, owner.memberId)).role).toBe("admin");
  });

  it("two owners demoting each other at once cannot leave the organisation without an owner", async () => {
    const org = await newOrg();
    const a = await join(org.orgId, "owner");
    const b = await join(org.orgId, "owner");
    const results = await Promise.allSettled([
      changeRole(a, b.memberId, "member"),
      changeRole(b, a.memberId, "member"),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect((await currentCounts(org.orgId)).owners).toBe(1);
    const roles = [
      (await get(org.orgId, a.memberId)).role,
      (await get(org.orgId, b.memberId)).role,
    ];
    expect(roles.filter((role) => role === "owner")).toHaveLength(1);
  });

  it("the session's role is not trusted: an admin demoted a moment ago no longer acts", async () => {
    const { owner, admin, member } = await team();
    await changeRole(owner, admin.memberId, "member");
    await expect(changeRole(admin, member.memberId, "curator")).rejects.toMatchObject({
      code: "admin_required",
    });
  });

  it("deactivates and reactivates, moving the active count, never oneself", async () => {
    const { org, admin, member } = await team();
    const before = await currentCounts(org.orgId);
    await expect(deactivate(admin, admin.memberId)).rejects.toMatchObject({
      kind: "forbidden",
      code: "cannot_deactivate_self",
    });
    const deactivated = await deactivate(admin, member.memberId);
    expect(deactivated).toMatchObject({
      status: "deactivated",
      deactivatedAt: clock.now().toISOString(),
    });
    expect((await currentCounts(org.orgId)).active).toBe(before.active - 1);
    // Deactivating again changes nothing and counts nothing.
    await deactivate(admin, member.memberId);
    expect((await currentCounts(org.orgId)).active).toBe(before.active - 1);
    const reactivated = await reactivate(admin, member.memberId);
    expect(reactivated.status).toBe("active");
    expect(reactivated.deactivatedAt).toBeUndefined();
    expect((await currentCounts(org.orgId)).active).toBe(before.active);
    const actions = (await Audit.list(org.orgId)).entries.map((entry) => entry.action);
    expect(actions.filter((action) => action === "member.deactivated")).toHaveLength(1);
    expect(actions).toContain("member.reactivated");
  });

  it("only owners deactivate owners; an invitation is not deactivated", async () => {
    const { org, owner, admin } = await team();
    const second = await join(org.orgId, "owner");
    await expect(deactivate(admin, second.memberId)).rejects.toMatchObject({
      code: "owner_required",
    });
    expect((await deactivate(owner, second.memberId)).status).toBe("deactivated");
    const { member: invited } = await invite({
      orgId: org.orgId,
      email: uniqueEmail(),
      invitedBy: SYSTEM_ACTOR,
    });
    await expect(deactivate(owner, invited.memberId)).rejects.toMatchObject({ code: "not_active" });
  });

  it("sets segments and curator topics, auditing field names rather than values", async () => {
    const { org, admin, curator } = await team();
    clock.advance(1000);
    const segmented = await updateSegment(admin, curator.memberId, { office: "Umeå", unit: "R&D" });
    expect(segmented.segment).toEqual({ office: "Umeå", unit: "R&D" });
    clock.advance(1000);
    const topics = await setCuratorTopics(admin, curator.memberId, ["product", "product", "ai"]);
    expect(topics.curatorTopics).toEqual(["product", "ai"]);
    const [latest, previous] = (await Audit.list(org.orgId, { limit: 2 })).entries;
    expect(latest).toMatchObject({
      action: "member.curator_topics_set",
      details: { topics: ["product", "ai"] },
    });
    expect(previous).toMatchObject({
      action: "member.segment_changed",
      details: { fields: ["office", "unit"] },
    });
    expect(JSON.stringify(previous)).not.toContain("Umeå");
    await expect(
      updateSegment(admin, curator.memberId, { floor: 3 } as never),
    ).rejects.toMatchObject({
      kind: "invalid",
    });
  });

  it("cannot reach a member of another organisation", async () => {
    const { admin } = await team();
    const elsewhere = await join((await newOrg()).orgId, "member");
    await expect(changeRole(admin, elsewhere.memberId, "admin")).rejects.toMatchObject({
      kind: "not_found",
    });
    await expect(deactivate(admin, elsewhere.memberId)).rejects.toMatchObject({
      kind: "not_found",
    });
    await expect(updateSegment(admin, elsewhere.memberId, { office: "X" })).rejects.toMatchObject({
      kind: "not_found",
    });
    // Nor by claiming the other organisation in the actor it passes.
    await expect(
      changeRole({ ...admin, orgId: elsewhere.orgId }, elsewhere.memberId, "admin"),
    ).rejects.toMatchObject({ kind: "forbidden" });
  });
});
