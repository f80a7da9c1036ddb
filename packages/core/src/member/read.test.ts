import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { deactivate, updateSegment } from "./admin";
import { invite } from "./invite";
import { type Info as Member, SYSTEM_ACTOR } from "./member.schema";
import { updateProfile } from "./profile";
import { get, list, membershipOf, membershipsOfPerson } from "./read";
import { join, newOrg, uniqueEmail } from "./test-support";

describe("reading members", () => {
  beforeAll(() => provideTestRuntime());

  it("isolates organisations: a member read with another organisation's id is not found", async () => {
    const [one, two] = [await newOrg(), await newOrg()];
    const mine = await join(one.orgId);
    await join(two.orgId);
    expect((await get(one.orgId, mine.memberId)).memberId).toBe(mine.memberId);
    await expect(get(two.orgId, mine.memberId)).rejects.toMatchObject({
      kind: "not_found",
      code: "member_not_found",
    });
    const listed = (await list(two.orgId)).members.map((member) => member.memberId);
    expect(listed).not.toContain(mine.memberId);
    await expect(
      updateProfile(two.orgId, mine.memberId, { displayName: "x" }),
    ).rejects.toMatchObject({
      kind: "not_found",
    });
  });

  it("lists and filters by status, role and segment, and searches e-mail and name in any case", async () => {
    const org = await newOrg();
    const owner = await join(org.orgId, "owner", { displayName: "Olga Owner" });
    const anna = await join(org.orgId, "member", { displayName: "Anna Andersson" });
    const bo = await join(org.orgId, "curator", {
      displayName: "Bo Berg",
      email: uniqueEmail("bosse"),
    });
    await invite({ orgId: org.orgId, email: uniqueEmail("cilla"), invitedBy: SYSTEM_ACTOR });
    await updateSegment(owner, anna.memberId, { office: "Malmö", unit: "Sales" });
    await updateSegment(owner, bo.memberId, { office: "Malmö", unit: "R&D" });
    await deactivate(owner, bo.memberId);
    const ids = (members: Member[]) => members.map((member) => member.memberId).sort();

    expect((await list(org.orgId)).members).toHaveLength(4);
    expect((await list(org.orgId, { status: "invited" })).members.map((m) => m.email)).toEqual([
      expect.stringMatching(/^cilla-/),
    ]);
    expect(ids((await list(org.orgId, { status: "deactivated" })).members)).toEqual([bo.memberId]);
    expect(ids((await list(org.orgId, { role: "owner" })).members)).toEqual([owner.memberId]);
    expect(ids((await list(org.orgId, { office: "Malmö" })).members)).toEqual(
      [anna.memberId, bo.memberId].sort(),
    );
    expect(ids((await list(org.orgId, { office: "Malmö", unit: "Sales" })).members)).toEqual([
      anna.memberId,
    ]);
    expect(ids((await list(org.orgId, { q: "ANDERS" })).members)).toEqual([anna.memberId]);
    expect(ids((await list(org.orgId, { q: "BOSSE-" })).members)).toEqual([bo.memberId]);
    expect((await list(org.orgId, { q: "nobody-by-this-name" })).members).toEqual([]);
    await expect(list(org.orgId, { status: "left" } as never)).rejects.toMatchObject({
      kind: "invalid",
    });
    await expect(list(org.orgId, { limit: 101 })).rejects.toMatchObject({ kind: "invalid" });
  });

  it("pages through members with a cursor, each exactly once, even with a filter", async () => {
    const org = await newOrg();
    const joined = [];
    for (let i = 0; i < 5; i++) joined.push(await join(org.orgId, "member"));
    await invite({ orgId: org.orgId, email: uniqueEmail(), invitedBy: SYSTEM_ACTOR });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { members: Member[]; cursor: string | null } = await list(org.orgId, {
        status: "active",
        limit: 2,
        cursor,
      });
      expect(page.members.length).toBeLessThanOrEqual(2);
      seen.push(...page.members.map((member) => member.memberId));
      cursor = page.cursor;
    } while (cursor);
    expect(seen.sort()).toEqual(joined.map((member) => member.memberId).sort());
    await expect(list(org.orgId, { cursor: "garbage" })).rejects.toMatchObject({
      kind: "invalid",
      code: "invalid_cursor",
    });
  });

  it("a person's memberships are up to date at once (joined, deactivated) for sign-in", async () => {
    const org = await newOrg();
    const owner = await join(org.orgId, "owner");
    const me = await join(org.orgId);
    expect(await membershipOf(me.personId, org.orgId)).toMatchObject({ status: "active" });
    await deactivate(owner, me.memberId);
    expect(await membershipOf(me.personId, org.orgId)).toMatchObject({ status: "deactivated" });
    expect(await membershipsOfPerson(me.personId)).toEqual([
      {
        orgId: org.orgId,
        memberId: me.memberId,
        personId: me.personId,
        role: "member",
        status: "deactivated",
        orgName: org.name,
      },
    ]);
    expect(await membershipOf(me.personId, (await newOrg()).orgId)).toBeUndefined();
  });
});

describe("the member's own profile", () => {
  beforeAll(() => provideTestRuntime());

  it("changes name, language, channels and privacy choices, and nothing else", async () => {
    const org = await newOrg();
    const me = await join(org.orgId);
    expect((await get(org.orgId, me.memberId)).privacy).toEqual({
      namedToAdmins: false,
      weeklyDigest: true,
    });
    const updated = await updateProfile(org.orgId, me.memberId, {
      displayName: "Märta",
      locale: "sv",
      channels: [
        { channel: "linkedin", networkSize: 800 },
        { channel: "bluesky", networkSize: 40 },
        { channel: "x", networkSize: 12 },
      ],
      privacy: { namedToAdmins: true, weeklyDigest: false },
    });
    expect(updated).toMatchObject({
      displayName: "Märta",
      locale: "sv",
      channels: [
        { channel: "linkedin", networkSize: 800 },
        { channel: "bluesky", networkSize: 40 },
        { channel: "x", networkSize: 12 },
      ],
      privacy: { namedToAdmins: true, weeklyDigest: false },
    });
    expect((await list(org.orgId, { q: "märta" })).members).toHaveLength(1);
    for (const patch of [
      { role: "owner" },
      { segment: { office: "x" } },
      { channels: [{ channel: "linkedin", networkSize: -1 }] },
      {
        channels: [
          { channel: "x", networkSize: 1 },
          { channel: "x", networkSize: 2 },
        ],
      },
      { privacy: { namedToAdmins: true } },
    ]) {
      await expect(updateProfile(org.orgId, me.memberId, patch as never)).rejects.toMatchObject({
        kind: "invalid",
      });
    }
  });

  it("refuses a display name that would show as nothing or reorder its neighbours, keeping the old one", async () => {
    // Prepare
    const org = await newOrg();
    const me = await join(org.orgId);
    await updateProfile(org.orgId, me.memberId, { displayName: "Märta" });

    // Act and assess
    for (const [displayName, message] of [
      ["\u200B", "displayName: The text must contain a visible character"],
      ["\u200B\u2060\uFEFF\u3164", "displayName: The text must contain a visible character"],
      ["\u0301", "displayName: The text must contain a visible character"],
      [
        "Eve\u202Enimda",
        "displayName: The text contains a bidirectional control character (U+202E)",
      ],
      ["Eve\u0000", "displayName: The text contains a control character (U+0000)"],
    ]) {
      await expect(updateProfile(org.orgId, me.memberId, { displayName })).rejects.toMatchObject({
        kind: "invalid",
        message,
      });
    }
    expect((await get(org.orgId, me.memberId)).displayName).toBe("Märta");
  });

  it("stores a display name in NFC, with emoji sequences and zero-width joiners inside it", async () => {
    // Prepare
    const org = await newOrg();
    const me = await join(org.orgId);

    // Act
    const updated = await updateProfile(org.orgId, me.memberId, {
      displayName: "  Ma\u0308rta 👩‍💻  ",
    });

    // Assess: composed, so a search for "märta" typed composed finds it
    expect(updated.displayName).toBe("M\u00e4rta 👩‍💻");
    expect((await get(org.orgId, me.memberId)).displayName).toBe("Märta 👩‍💻");
    expect((await list(org.orgId, { q: "märta" })).members).toHaveLength(1);
  });

  it("keeps a holiday of at most a year, in order, until it is cleared", async () => {
    const org = await newOrg();
    const me = await join(org.orgId);
    expect((await get(org.orgId, me.memberId)).holiday).toBeNull();
    const holiday = { from: "2026-07-06", to: "2026-07-31" };
    expect((await updateProfile(org.orgId, me.memberId, { holiday })).holiday).toEqual(holiday);
    expect((await updateProfile(org.orgId, me.memberId, { locale: "sv" })).holiday).toEqual(
      holiday,
    );
    for (const bad of [
      { from: "2026-08-01", to: "2026-07-31" },
      { from: "2026-01-01", to: "2027-01-02" },
      { from: "2026-02-30", to: "2026-03-01" },
      { from: "2026-07-06" },
    ]) {
      await expect(
        updateProfile(org.orgId, me.memberId, { holiday: bad as never }),
      ).rejects.toMatchObject({ kind: "invalid" });
    }
    expect((await get(org.orgId, me.memberId)).holiday).toEqual(holiday);
    expect((await updateProfile(org.orgId, me.memberId, { holiday: null })).holiday).toBeNull();
    expect((await get(org.orgId, me.memberId)).holiday).toBeNull();
  });

  it("is only for active members", async () => {
    const org = await newOrg();
    const { member } = await invite({
      orgId: org.orgId,
      email: uniqueEmail(),
      invitedBy: SYSTEM_ACTOR,
    });
    await expect(
      updateProfile(org.orgId, member.memberId, { displayName: "x" }),
    ).rejects.toMatchObject({
      kind: "conflict",
      code: "not_active",
    });
  });
});
