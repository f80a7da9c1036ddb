import { provideTestRuntime, type RecordingPublisher } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { Audit } from "../audit";
import { Org } from "../org";
import { Person } from "../person";
import { acceptInvite, inviteByToken } from "./accept";
import { invite } from "./invite";
import { SYSTEM_ACTOR } from "./member.schema";
import { get, membershipsOfPerson } from "./read";
import { join, newOrg, testClock, uniqueEmail } from "./test-support";

const DAY = 86_400_000;

describe("invitations", () => {
  const clock = testClock();
  let publisher: RecordingPublisher;
  beforeAll(() => {
    ({ publisher } = provideTestRuntime({ now: clock.now }));
  });

  it("invites an address: an invited member with defaults, a token stored only as a hash", async () => {
    const org = await newOrg({ locale: "sv" });
    const email = uniqueEmail("Anna");
    const { member, inviteToken } = await invite({
      orgId: org.orgId,
      email: email.toUpperCase(),
      displayName: "Anna",
      segment: { office: "Malmö" },
      invitedBy: SYSTEM_ACTOR,
    });
    expect(inviteToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(member).toMatchObject({
      orgId: org.orgId,
      role: "member",
      status: "invited",
      email: email.toLowerCase(),
      locale: "sv",
      privacy: { namedToAdmins: false, weeklyDigest: true },
      segment: { office: "Malmö" },
      channels: [],
      invitedBy: SYSTEM_ACTOR,
      inviteExpiresAt: new Date(clock.now().getTime() + 14 * DAY).toISOString(),
    });
    expect(member.memberId).not.toBe(member.personId);
    expect(await get(org.orgId, member.memberId)).toEqual(member);
    expect(JSON.stringify(member)).not.toContain(inviteToken);
  });

  it("shows the join page what it needs, and recording nothing by looking", async () => {
    const org = await newOrg({ guidelines: "Post with care." });
    const email = uniqueEmail();
    const { member, inviteToken } = await invite({
      orgId: org.orgId,
      email,
      role: "curator",
      invitedBy: SYSTEM_ACTOR,
    });
    const view = await inviteByToken(inviteToken);
    expect(view).toMatchObject({
      orgName: org.name,
      email,
      role: "curator",
      guidelines: { version: 1, text: "Post with care." },
      expiresAt: member.inviteExpiresAt,
    });
    expect(await get(org.orgId, member.memberId)).toEqual(member);
  });

  it("joins on the current guidelines: active, acceptance recorded, member.joined published", async () => {
    const org = await newOrg();
    const { member, inviteToken } = await invite({
      orgId: org.orgId,
      email: uniqueEmail(),
      invitedBy: SYSTEM_ACTOR,
    });
    publisher.published.length = 0;
    const ref = await acceptInvite({ token: inviteToken, guidelinesVersion: 1 });
    expect(ref).toEqual({
      orgId: org.orgId,
      memberId: member.memberId,
      personId: member.personId,
      role: "member",
      status: "active",
    });
    const joined = await get(org.orgId, member.memberId);
    expect(joined).toMatchObject({
      status: "active",
      joinedAt: clock.now().toISOString(),
      guidelinesAccepted: { version: 1, acceptedAt: clock.now().toISOString() },
    });
    expect(joined.inviteExpiresAt).toBeUndefined();
    expect(publisher.published).toHaveLength(1);
    expect(publisher.published[0]).toMatchObject({
      detailType: "member.joined",
      detail: { properties: { memberId: member.memberId }, metadata: { orgId: org.orgId } },
    });
    expect(Object.keys(publisher.published[0]?.detail.properties as object)).toEqual(["memberId"]);
  });

  it("refuses an old guidelines version: the member must read them again", async () => {
    const org = await newOrg();
    const { inviteToken } = await invite({
      orgId: org.orgId,
      email: uniqueEmail(),
      invitedBy: SYSTEM_ACTOR,
    });
    await Org.publishGuidelines(org.orgId, "New rules");
    await expect(acceptInvite({ token: inviteToken, guidelinesVersion: 1 })).rejects.toMatchObject({
      kind: "conflict",
      code: "guidelines_changed",
    });
    expect((await inviteByToken(inviteToken)).guidelines).toEqual({
      version: 2,
      text: "New rules",
    });
    expect((await acceptInvite({ token: inviteToken, guidelinesVersion: 2 })).status).toBe(
      "active",
    );
  });

  it("cannot be accepted before the organisation has published guidelines", async () => {
    const org = await newOrg({ guidelines: undefined });
    const { inviteToken } = await invite({
      orgId: org.orgId,
      email: uniqueEmail(),
      invitedBy: SYSTEM_ACTOR,
    });
    await expect(inviteByToken(inviteToken)).rejects.toMatchObject({ code: "guidelines_missing" });
    await expect(acceptInvite({ token: inviteToken, guidelinesVersion: 1 })).rejects.toMatchObject({
      code: "guidelines_missing",
    });
  });

  it("uses a token once", async () => {
    const org = await newOrg();
    const { inviteToken } = await invite({
      orgId: org.orgId,
      email: uniqueEmail(),
      invitedBy: SYSTEM_ACTOR,
    });
    await acceptInvite({ token: inviteToken, guidelinesVersion: 1 });
    const used = { kind: "gone", code: "invite_used" };
    await expect(acceptInvite({ token: inviteToken, guidelinesVersion: 1 })).rejects.toMatchObject(
      used,
    );
    await expect(inviteByToken(inviteToken)).rejects.toMatchObject(used);
  });

  it("lets a token expire (14 days by default)", async () => {
    const org = await newOrg();
    const { inviteToken } = await invite({
      orgId: org.orgId,
      email: uniqueEmail(),
      invitedBy: SYSTEM_ACTOR,
    });
    const start = clock.now().toISOString();
    clock.advance(14 * DAY);
    try {
      await expect(
        acceptInvite({ token: inviteToken, guidelinesVersion: 1 }),
      ).rejects.toMatchObject({
        kind: "gone",
        code: "invite_expired",
      });
      await expect(inviteByToken(inviteToken)).rejects.toMatchObject({ code: "invite_expired" });
    } finally {
      clock.set(start);
    }
  });

  it("refuses forged and malformed tokens as not found", async () => {
    const forged = "A".repeat(43);
    await expect(inviteByToken(forged)).rejects.toMatchObject({ kind: "not_found" });
    await expect(acceptInvite({ token: forged, guidelinesVersion: 1 })).rejects.toMatchObject({
      kind: "not_found",
    });
    await expect(inviteByToken("<script>")).rejects.toMatchObject({ kind: "not_found" });
    await expect(
      acceptInvite({ token: forged, guidelinesVersion: Number("one") }),
    ).rejects.toMatchObject({ kind: "invalid" });
  });

  it("re-inviting a pending address issues a new token and the old one stops working", async () => {
    const org = await newOrg();
    const email = uniqueEmail();
    const first = await invite({ orgId: org.orgId, email, invitedBy: SYSTEM_ACTOR });
    clock.advance(DAY);
    const second = await invite({
      orgId: org.orgId,
      email,
      role: "admin",
      invitedBy: SYSTEM_ACTOR,
    });
    expect(second.member.memberId).toBe(first.member.memberId);
    expect(second.inviteToken).not.toBe(first.inviteToken);
    expect(second.member.role).toBe("admin");
    await expect(inviteByToken(first.inviteToken)).rejects.toMatchObject({ kind: "not_found" });
    // Sending it again without a role keeps the role the invitation has.
    const third = await invite({ orgId: org.orgId, email, invitedBy: SYSTEM_ACTOR });
    expect(third.member.role).toBe("admin");
    await expect(inviteByToken(second.inviteToken)).rejects.toMatchObject({ kind: "not_found" });
    expect((await acceptInvite({ token: third.inviteToken, guidelinesVersion: 1 })).role).toBe(
      "admin",
    );
  });

  it("refuses to invite someone who is already a member", async () => {
    const org = await newOrg();
    const member = await join(org.orgId);
    await expect(
      invite({ orgId: org.orgId, email: member.email, invitedBy: SYSTEM_ACTOR }),
    ).rejects.toMatchObject({ kind: "conflict", code: "already_member" });
  });

  it("makes one membership when the same address is invited twice at once", async () => {
    const org = await newOrg();
    const email = uniqueEmail();
    const [a, b] = await Promise.all([
      invite({ orgId: org.orgId, email, invitedBy: SYSTEM_ACTOR }),
      invite({ orgId: org.orgId, email, invitedBy: SYSTEM_ACTOR }),
    ]);
    expect(a.member.memberId).toBe(b.member.memberId);
    const person = await Person.findByEmail(email);
    expect(await membershipsOfPerson(person?.personId ?? "")).toHaveLength(1);
  });

  it("one person, several organisations: each membership has its own memberId", async () => {
    const email = uniqueEmail();
    const [one, two] = [await newOrg({ name: "Alpha" }), await newOrg({ name: "Beta" })];
    const a = await join(one.orgId, "member", { email });
    const b = await join(two.orgId, "admin", { email });
    expect(a.personId).toBe(b.personId);
    expect(a.memberId).not.toBe(b.memberId);
    const memberships = await membershipsOfPerson(a.personId);
    const ref = ({ email: _, ...membership }: typeof a) => membership;
    expect(memberships).toEqual([
      { ...ref(a), orgName: "Alpha" },
      { ...ref(b), orgName: "Beta" },
    ]);
  });

  it("only admins invite, and only owners invite owners; both are audited", async () => {
    const org = await newOrg();
    const owner = await join(org.orgId, "owner");
    const admin = await join(org.orgId, "admin");
    const plain = await join(org.orgId, "member");
    await expect(
      invite({ orgId: org.orgId, email: uniqueEmail(), invitedBy: plain.memberId }),
    ).rejects.toMatchObject({ kind: "forbidden", code: "admin_required" });
    await expect(
      invite({ orgId: org.orgId, email: uniqueEmail(), role: "owner", invitedBy: admin.memberId }),
    ).rejects.toMatchObject({ kind: "forbidden", code: "owner_required" });
    const other = await newOrg();
    await expect(
      invite({ orgId: other.orgId, email: uniqueEmail(), invitedBy: admin.memberId }),
    ).rejects.toMatchObject({ kind: "forbidden" });
    clock.advance(1000);
    const { member } = await invite({
      orgId: org.orgId,
      email: uniqueEmail(),
      role: "owner",
      invitedBy: owner.memberId,
    });
    const { entries } = await Audit.list(org.orgId, { limit: 1 });
    expect(entries[0]).toMatchObject({
      action: "member.invited",
      actorMemberId: owner.memberId,
      targetMemberId: member.memberId,
      details: { role: "owner" },
    });
    // An admin cannot re-send (and so change) an owner's pending invitation either.
    await expect(
      invite({ orgId: org.orgId, email: member.email, invitedBy: admin.memberId }),
    ).rejects.toMatchObject({ code: "owner_required" });
  });
});
