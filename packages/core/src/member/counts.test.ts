import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { acceptInvite } from "./accept";
import { deactivate } from "./admin";
import { countDelta, currentCounts } from "./counts";
import { countsByDay } from "./counts-by-day";
import { invite } from "./invite";
import { leave } from "./leave";
import { SYSTEM_ACTOR } from "./member.schema";
import { join, newOrg, testClock, uniqueEmail } from "./test-support";

const HOUR = 3_600_000;

describe("member counts per day", () => {
  const clock = testClock("2026-04-01T10:00:00.000Z");
  beforeAll(() => provideTestRuntime({ now: clock.now }));

  const inviteOne = (orgId: string) =>
    invite({ orgId, email: uniqueEmail(), invitedBy: SYSTEM_ACTOR });

  it("counts active and invited at the end of each local day, carrying days without change forward", async () => {
    clock.set("2026-04-01T10:00:00.000Z");
    const org = await newOrg({ timeZone: "Europe/Stockholm" });
    const owner = await join(org.orgId, "owner"); // 04-01: active 1
    const a = await inviteOne(org.orgId); // 04-01: invited 1
    await inviteOne(org.orgId); // 04-01: invited 2
    clock.set("2026-04-03T08:00:00.000Z");
    await acceptInvite({ token: a.inviteToken, guidelinesVersion: 1 }); // 04-03: active 2, invited 1
    clock.set("2026-04-05T12:00:00.000Z");
    await deactivate(owner, a.member.memberId); // 04-05: active 1
    expect(await countsByDay(org.orgId, "2026-03-31", "2026-04-06")).toEqual([
      { day: "2026-03-31", active: 0, invited: 0 },
      { day: "2026-04-01", active: 1, invited: 2 },
      { day: "2026-04-02", active: 1, invited: 2 },
      { day: "2026-04-03", active: 2, invited: 1 },
      { day: "2026-04-04", active: 2, invited: 1 },
      { day: "2026-04-05", active: 1, invited: 1 },
      { day: "2026-04-06", active: 1, invited: 1 },
    ]);
    // A range that starts after the changes still starts from the right figures.
    expect(await countsByDay(org.orgId, "2026-04-04", "2026-04-04")).toEqual([
      { day: "2026-04-04", active: 2, invited: 1 },
    ]);
    expect(await currentCounts(org.orgId)).toEqual({ active: 1, invited: 1, owners: 1 });
  });

  it("uses the organisation's local day: 00:30 in Stockholm is the next day in UTC terms", async () => {
    clock.set("2026-04-09T22:30:00.000Z"); // 00:30 on 04-10 in Stockholm (UTC+2)
    const org = await newOrg({ timeZone: "Europe/Stockholm" });
    await inviteOne(org.orgId);
    expect(await countsByDay(org.orgId, "2026-04-09", "2026-04-10")).toEqual([
      { day: "2026-04-09", active: 0, invited: 0 },
      { day: "2026-04-10", active: 0, invited: 1 },
    ]);
    const newYork = await newOrg({ timeZone: "America/New_York" });
    await inviteOne(newYork.orgId);
    expect(await countsByDay(newYork.orgId, "2026-04-09", "2026-04-10")).toEqual([
      { day: "2026-04-09", active: 0, invited: 1 },
      { day: "2026-04-10", active: 0, invited: 1 },
    ]);
  });

  it("stays exact when an accept is retried, and when the same accept races itself", async () => {
    clock.set("2026-04-12T09:00:00.000Z");
    const org = await newOrg();
    const first = await inviteOne(org.orgId);
    const second = await inviteOne(org.orgId);
    await acceptInvite({ token: first.inviteToken, guidelinesVersion: 1 });
    await expect(
      acceptInvite({ token: first.inviteToken, guidelinesVersion: 1 }),
    ).rejects.toMatchObject({ kind: "gone" });
    const raced = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        acceptInvite({ token: second.inviteToken, guidelinesVersion: 1 }),
      ),
    );
    expect(raced.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await countsByDay(org.orgId, "2026-04-12", "2026-04-12")).toEqual([
      { day: "2026-04-12", active: 2, invited: 0 },
    ]);
    expect(await currentCounts(org.orgId)).toMatchObject({ active: 2, invited: 0 });
  });

  it("leaving takes the member out of the active count on the day they leave", async () => {
    clock.set("2026-04-20T09:00:00.000Z");
    const org = await newOrg();
    await join(org.orgId, "owner");
    const me = await join(org.orgId);
    clock.advance(24 * HOUR);
    await leave(org.orgId, me.memberId);
    expect(await countsByDay(org.orgId, "2026-04-20", "2026-04-21")).toEqual([
      { day: "2026-04-20", active: 2, invited: 0 },
      { day: "2026-04-21", active: 1, invited: 0 },
    ]);
  });

  it("refuses malformed, reversed and overlong ranges", async () => {
    await expect(countsByDay("o", "2026-13-01", "2026-12-01")).rejects.toMatchObject({
      kind: "invalid",
    });
    await expect(countsByDay("o", "2026-02-01", "2026-01-01")).rejects.toMatchObject({
      code: "invalid_range",
    });
    await expect(countsByDay("o", "2020-01-01", "2026-01-01")).rejects.toMatchObject({
      code: "range_too_long",
    });
  });

  it("derives each change's effect on the counts from the status and role before and after", () => {
    const owner = { status: "active", role: "owner" } as const;
    expect(countDelta(undefined, { status: "invited", role: "owner" })).toEqual({
      active: 0,
      invited: 1,
      owners: 0,
    });
    expect(countDelta({ status: "invited", role: "owner" }, owner)).toEqual({
      active: 1,
      invited: -1,
      owners: 1,
    });
    expect(countDelta(owner, { status: "deactivated", role: "owner" })).toEqual({
      active: -1,
      invited: 0,
      owners: -1,
    });
    expect(countDelta(owner, { status: "active", role: "admin" })).toEqual({
      active: 0,
      invited: 0,
      owners: -1,
    });
    expect(countDelta({ status: "deactivated", role: "member" }, undefined)).toEqual({
      active: 0,
      invited: 0,
      owners: 0,
    });
  });
});
