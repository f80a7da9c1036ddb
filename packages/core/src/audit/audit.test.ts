import { randomUUID } from "node:crypto";
import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { testClock } from "../member/test-support";
import { list, listForTarget, record } from "./audit";

describe("the audit log", () => {
  const clock = testClock("2026-05-01T08:00:00.000Z");
  beforeAll(() => provideTestRuntime({ now: clock.now }));

  it("lists an organisation's entries newest first, a page at a time", async () => {
    const orgId = `org-${randomUUID()}`;
    for (const action of ["member.invited", "member.role_changed", "member.deactivated"]) {
      clock.advance(60_000);
      await record({ orgId, actorMemberId: "admin-1", action, targetMemberId: "m-1" });
    }
    const first = await list(orgId, { limit: 2 });
    expect(first.entries.map((entry) => entry.action)).toEqual([
      "member.deactivated",
      "member.role_changed",
    ]);
    const second = await list(orgId, { limit: 2, cursor: first.cursor });
    expect(second.entries.map((entry) => entry.action)).toEqual(["member.invited"]);
    expect(second.cursor).toBeNull();
  });

  it("keeps organisations apart and lists the entries about one member", async () => {
    const orgId = `org-${randomUUID()}`;
    const other = `org-${randomUUID()}`;
    await record({ orgId, actorMemberId: "a", action: "member.invited", targetMemberId: "t-1" });
    await record({ orgId, actorMemberId: "a", action: "org.updated" });
    await record({ orgId: other, actorMemberId: "a", action: "org.updated" });
    expect((await list(orgId)).entries).toHaveLength(2);
    expect(await listForTarget(orgId, "t-1")).toMatchObject([{ action: "member.invited" }]);
    expect(await listForTarget(other, "t-1")).toEqual([]);
  });

  it("refuses a malformed action or cursor as invalid input", async () => {
    await expect(
      record({ orgId: "o", actorMemberId: "a", action: "Deleted Everything" }),
    ).rejects.toThrow();
    await expect(list("o", { cursor: "not-a-cursor" })).rejects.toMatchObject({
      kind: "invalid",
    });
  });
});
