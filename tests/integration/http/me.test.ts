import { randomUUID } from "node:crypto";
import { Ledger } from "@sprida/core/ledger";
import { Person } from "@sprida/core/person";
import { Tally } from "@sprida/core/tally";
import { describe, expect, it } from "vitest";
import { TestLink } from "../../../packages/core/src/tally/test-support";
import { publishContent } from "../../helpers/content";
import { TestClient } from "../../helpers/http";
import {
  joinAs,
  organisationWithOneOwner,
  sessionOf,
  today,
  useHttpFlows,
} from "../../helpers/http-flows";
import { seedOrganisation } from "../../helpers/identity";

type RecordedItem = {
  id: string;
  item: string;
  purpose: string;
  whoSees: string[];
  retention: string;
};
type DayCounts = { day: string; active: number; invited: number };

/** A unique human click on a link as the ledger keeps it, with the reader's visitor hash. */
async function recordClick(
  orgId: string,
  memberId: string,
  contentId: string,
  linkCode: string,
  day: string,
  visitor: string,
) {
  await Ledger.record({
    partition: `link_${linkCode}`,
    name: "link.clicked",
    properties: {
      linkCode,
      memberId,
      contentId,
      channel: "linkedin",
      class: "human",
      unique: true,
      visitor,
      day,
      country: "SE",
      device: "mobile",
      referrerHost: "www.linkedin.com",
    },
    metadata: {
      eventId: randomUUID(),
      orgId,
      occurredAt: `${day}T10:00:00.000Z`,
      correlationId: randomUUID(),
    },
  });
}

/**
 * The member's own page over HTTP: profile and privacy choices, export, "what is recorded
 * and who sees it", and leaving (personal data deleted, totals kept right).
 */
describe("the member's rights over HTTP", () => {
  const flow = useHttpFlows();
  const { clock } = flow;

  async function countsToday(admin: TestClient): Promise<DayCounts> {
    const day = today(clock);
    const response = await admin.get(`/api/admin/member-counts?from=${day}&to=${day}`);
    expect(response.status).toBe(200);
    return (response.body as { days: DayCounts[] }).days[0] as DayCounts;
  }

  it("shows my membership, with privacy choices that default to not named to admins and the weekly digest on", async () => {
    // Prepare
    const org = await seedOrganisation("Profile");
    const me = new TestClient(flow.app, org.member.sessionToken);

    // Act
    const response = await me.get("/api/me");

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      memberId: org.member.memberId,
      email: org.member.email,
      role: "member",
      status: "active",
      displayName: "Profile member",
      locale: "en",
      segment: { office: "Stockholm", unit: "Sales" },
      channels: [],
      privacy: { namedToAdmins: false, weeklyDigest: true },
      guidelinesAccepted: { version: 1, acceptedAt: expect.any(String) },
    });
  });

  it("changes my display name, language, channels with network sizes and privacy choices, and keeps what a later patch leaves out", async () => {
    // Prepare
    const org = await seedOrganisation("Patch");
    const me = new TestClient(flow.app, org.member.sessionToken);
    const channels = [
      { channel: "linkedin", networkSize: 500 },
      { channel: "mastodon", networkSize: 0 },
    ];

    // Act
    const patched = await me.patch("/api/me", {
      json: {
        displayName: "  New Name  ",
        locale: "sv",
        channels,
        privacy: { namedToAdmins: true, weeklyDigest: false },
      },
    });
    const renamedAgain = await me.patch("/api/me", { json: { displayName: "Newer Name" } });
    const after = await me.get("/api/me");

    // Assess
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      displayName: "New Name",
      locale: "sv",
      channels,
      privacy: { namedToAdmins: true, weeklyDigest: false },
    });
    expect(renamedAgain.status).toBe(200);
    expect(after.body).toMatchObject({
      displayName: "Newer Name",
      locale: "sv",
      channels,
      privacy: { namedToAdmins: true, weeklyDigest: false },
    });
  });

  it.each([
    ["an unknown channel format", { channels: [{ channel: "Linked In!", networkSize: 10 }] }],
    ["a negative network size", { channels: [{ channel: "linkedin", networkSize: -1 }] }],
    ["a fractional network size", { channels: [{ channel: "linkedin", networkSize: 1.5 }] }],
    [
      "the same channel twice",
      {
        channels: [
          { channel: "linkedin", networkSize: 1 },
          { channel: "linkedin", networkSize: 2 },
        ],
      },
    ],
    ["an unknown field", { displayName: "Fine", favouriteColour: "red" }],
    ["a field only admins set", { role: "owner" }],
    ["an unknown language", { locale: "de" }],
    ["half a privacy choice", { privacy: { namedToAdmins: true } }],
    ["an empty display name", { displayName: "   " }],
    ["a display name of only a zero-width space", { displayName: "\u200B" }],
    ["a display name of only a Hangul filler", { displayName: "\u3164" }],
    ["a display name with a right-to-left override", { displayName: "Eve\u202Enimda" }],
    ["a display name with NUL", { displayName: "Eve\u0000" }],
  ])("refuses a patch with %s (400) and changes nothing", async (_, patch) => {
    // Prepare
    const org = await seedOrganisation("BadPatch");
    const me = new TestClient(flow.app, org.member.sessionToken);
    const before = (await me.get("/api/me")).body;

    // Act
    const response = await me.patch("/api/me", { json: patch });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String) },
    });
    expect((await me.get("/api/me")).body).toEqual(before);
  });

  it("exports one key per category of what is recorded, so no kind of record can be left out", async () => {
    // Prepare
    const org = await seedOrganisation("Categories");
    const me = new TestClient(flow.app, org.member.sessionToken);

    // Act
    const recorded = await me.get("/api/me/recorded");
    const exported = await me.get("/api/me/export");

    // Assess
    expect(recorded.status).toBe(200);
    expect(exported.status).toBe(200);
    const categories = (recorded.body as RecordedItem[]).map((item) => item.id);
    const keys = Object.keys(exported.body as Record<string, unknown>);
    for (const category of categories) expect(keys, `category ${category}`).toContain(category);
    expect(keys.filter((key) => !categories.includes(key)).toSorted()).toEqual([
      "exportedAt",
      "organisation",
      "version",
    ]);
    expect(exported.body).toMatchObject({ version: 2, activity_before_joining: [] });
  });

  it("exports my e-mail, membership, guidelines acceptance and admin actions about me, and nothing of other members", async () => {
    // Prepare
    const org = await seedOrganisation("Export");
    const owner = new TestClient(flow.app, org.owner.sessionToken);
    const changed = await owner.patch(`/api/admin/members/${org.member.memberId}`, {
      json: { segment: { office: "Luleå", unit: "Support" } },
    });
    expect(changed.status).toBe(200);
    const me = new TestClient(flow.app, org.member.sessionToken);

    // Act
    const response = await me.get("/api/me/export");

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename=/);
    expect(response.body).toMatchObject({
      organisation: { orgId: org.orgId, name: org.name },
      email: { address: org.member.email, personId: org.member.personId },
      membership: { memberId: org.member.memberId, role: "member", status: "active" },
      segment: { office: "Luleå", unit: "Support" },
      privacy: { namedToAdmins: false, weeklyDigest: true },
      guidelines_acceptance: {
        version: 1,
        acceptedAt: expect.any(String),
        text: expect.stringContaining("Guidelines of Export"),
      },
    });
    const audit = (response.body as { audit: { action: string; actorMemberId: string }[] }).audit;
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: "member.segment_changed",
        actorMemberId: org.owner.memberId,
      }),
    );
    for (const other of [org.admin, org.curator, org.invited]) {
      expect(response.text).not.toContain(other.email);
      expect(response.text).not.toContain(other.memberId);
    }
    for (const other of [org.owner, org.admin, org.curator]) {
      expect(response.text).not.toContain(other.email);
      expect(response.text).not.toContain(other.personId);
      expect(response.text).not.toContain(`Export ${other.role}`);
    }
  });

  it("exports my shares with post URLs, clicks per link by class, points, badges, streak, sessions and topics, and none of a colleague's", async () => {
    // Prepare
    const org = await seedOrganisation("Sharer");
    const owner = new TestClient(flow.app, org.owner.sessionToken);
    const contentId = await publishContent(owner, { title: "Sharer news" });
    const me = new TestClient(flow.app, org.member.sessionToken);
    const colleague = new TestClient(flow.app, org.admin.sessionToken);
    const profile = await me.patch("/api/me", {
      json: {
        followedTopics: ["news", "careers"],
        channels: [{ channel: "linkedin", networkSize: 420 }],
      },
    });
    expect(profile.status, profile.text).toBe(200);
    const shareOn = async (client: TestClient) => {
      const shared = await client.post(`/api/content/${contentId}/share`, {
        json: { channel: "linkedin" },
      });
      expect(shared.status, shared.text).toBe(200);
      return (shared.body as { link: { code: string } }).link.code;
    };
    const code = await shareOn(me);
    const colleagueCode = await shareOn(colleague);
    const postUrl = "https://www.linkedin.com/feed/update/urn:li:activity:42";
    expect((await me.post(`/api/shares/${code}/confirm`, { json: { postUrl } })).status).toBe(200);
    const day = today(clock);
    const readerHash = "readerVisitorHash00001";
    await recordClick(org.orgId, org.member.memberId, contentId, code, day, readerHash);
    await recordClick(
      org.orgId,
      org.admin.memberId,
      contentId,
      colleagueCode,
      day,
      "colleagueReader0000001",
    );
    const link = Object.assign(new TestLink(org.orgId, org.member.memberId, contentId), {
      linkCode: code,
    });
    await Tally.applyBatch([
      link.confirmed(day),
      link.click(day, "human"),
      link.click(day, "human"),
      link.click(day, "bot"),
      link.click(day, "self"),
    ]);

    // Act
    const response = await me.get("/api/me/export");

    // Assess
    expect(response.status, response.text).toBe(200);
    const body = response.body as Record<string, unknown>;
    expect(body.shares).toEqual([
      {
        code,
        url: expect.stringContaining(`/r/${code}`),
        contentId,
        title: "Sharer news",
        channel: "linkedin",
        destination: expect.stringContaining("https://www.news.example/office"),
        createdAt: expect.any(String),
        confirmation: { at: expect.any(String), via: "member", postUrl },
      },
    ]);
    expect(body.clicks).toEqual([
      {
        code,
        counts: {
          rawClicks: 4,
          botClicks: 1,
          selfClicks: 1,
          internalClicks: 0,
          humanClicks: 2,
          uniqueClicks: 2,
          clickPoints: 2,
        },
        events: [
          expect.objectContaining({
            class: "human",
            unique: true,
            day,
            country: "SE",
            device: "mobile",
            referrerHost: "www.linkedin.com",
          }),
        ],
      },
    ]);
    expect(body.points).toMatchObject({
      week: 7,
      month: 7,
      all: 7,
      totals: { sharesConfirmed: 1, uniqueClicks: 2, sharePoints: 5, clickPoints: 2 },
      perDay: [{ day, counts: expect.objectContaining({ sharePoints: 5, clickPoints: 2 }) }],
      sharePoints: [{ contentId, awardedAt: expect.any(String) }],
      badges: expect.arrayContaining([
        expect.objectContaining({ id: "first_share", name: "First share" }),
        expect.objectContaining({ id: "first_click", name: "First reader" }),
      ]),
      streak: { weeks: 1, paused: false },
    });
    expect(body.followed_topics).toEqual(["news", "careers"]);
    expect(body.channels).toEqual({
      networks: [{ channel: "linkedin", networkSize: 420 }],
      mastodonServer: null,
    });
    expect((body.sessions as unknown[]).length).toBeGreaterThanOrEqual(1);
    expect(body.sessions).toContainEqual({
      sessionId: expect.stringMatching(/^[0-9a-f]{64}$/),
      createdAt: expect.any(String),
      lastSeenAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(response.text).not.toContain(org.member.sessionToken);
    expect(response.text).not.toContain(readerHash);
    expect(response.text).not.toContain(colleagueCode);
    expect(response.text).not.toContain(org.admin.memberId);
  });

  it("lists what is recorded about me and who sees it, in Swedish and English, in my language by default", async () => {
    // Prepare
    const org = await seedOrganisation("Recorded");
    const me = new TestClient(flow.app, org.member.sessionToken);

    // Act
    const english = await me.get("/api/me/recorded?locale=en");
    const swedish = await me.get("/api/me/recorded?locale=sv");
    const byDefault = await me.get("/api/me/recorded");
    await me.patch("/api/me", { json: { locale: "sv" } });
    const afterSwitch = await me.get("/api/me/recorded");
    const unknownLanguage = await me.get("/api/me/recorded?locale=de");

    // Assess
    expect(english.status).toBe(200);
    expect(swedish.status).toBe(200);
    const en = english.body as RecordedItem[];
    const sv = swedish.body as RecordedItem[];
    expect(en.length).toBeGreaterThan(0);
    expect(sv.map((item) => [item.id, item.whoSees])).toEqual(
      en.map((item) => [item.id, item.whoSees]),
    );
    for (const [index, item] of en.entries()) {
      expect(item).toMatchObject({
        item: expect.any(String),
        purpose: expect.any(String),
        retention: expect.any(String),
      });
      expect(item.whoSees.length).toBeGreaterThan(0);
      for (const viewer of item.whoSees) {
        expect(["me", "admins", "admins_if_named", "nobody"]).toContain(viewer);
      }
      expect(sv[index]?.item).not.toBe(item.item);
    }
    const byId = new Map(en.map((item) => [item.id, item]));
    expect(byId.get("email")?.whoSees).toEqual(expect.arrayContaining(["me", "admins"]));
    expect(byId.get("channels")?.whoSees).toContain("admins_if_named");
    expect(byId.get("channels")?.whoSees).not.toContain("admins");
    expect(byId.get("privacy")?.whoSees).toEqual(["me"]);
    expect(byDefault.body).toEqual(en);
    expect(afterSwitch.body).toEqual(sv);
    expect(unknownLanguage.status).toBe(400);
  });

  it("deletes my personal data when I leave: my session ends, admins no longer see my address or name, and the member count drops by one", async () => {
    // Prepare
    const org = await seedOrganisation("Leave");
    const me = new TestClient(flow.app, org.member.sessionToken);
    await me.patch("/api/me", {
      json: { displayName: "Leaving Person", channels: [{ channel: "x", networkSize: 5 }] },
    });
    const admin = new TestClient(flow.app, org.admin.sessionToken);
    const countsBefore = await countsToday(admin);

    // Act
    const response = await me.post("/api/me/leave", { json: { confirm: true } });

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ left: true });
    expect(response.headers.get("set-cookie")).toMatch(/^sprida_session=;.*Max-Age=0/i);
    const oldSession = new TestClient(flow.app, org.member.sessionToken);
    expect((await oldSession.get("/api/me")).status).toBe(401);
    const everyone = await admin.get("/api/admin/members?limit=100");
    expect(everyone.status).toBe(200);
    expect(everyone.text).not.toContain(org.member.email);
    expect(everyone.text).not.toContain("Leaving Person");
    expect(everyone.text).not.toContain(org.member.memberId);
    const searched = await admin.get(
      `/api/admin/members?q=${encodeURIComponent(org.member.email)}`,
    );
    expect((searched.body as { members: unknown[] }).members).toEqual([]);
    expect((await admin.get(`/api/admin/members/${org.member.memberId}`)).status).toBe(404);
    const auditLog = await new TestClient(flow.app, org.owner.sessionToken).get("/api/admin/audit");
    expect(auditLog.text).not.toContain(org.member.email);
    expect(await Person.findByEmail(org.member.email)).toBeUndefined();
    expect(await countsToday(admin)).toEqual({
      ...countsBefore,
      active: countsBefore.active - 1,
    });
  });

  it("keeps me, and my session, in my other organisation when I leave one", async () => {
    // Prepare
    const left = await seedOrganisation("LeftOne");
    const kept = await seedOrganisation("KeptOne");
    const meThere = await joinAs(kept.orgId, left.member.email, "member");
    const keptSession = new TestClient(flow.app, await sessionOf(meThere));
    const leaving = new TestClient(flow.app, left.member.sessionToken);

    // Act
    const response = await leaving.post("/api/me/leave", { json: { confirm: true } });

    // Assess
    expect(response.status).toBe(200);
    const session = await keptSession.get("/api/session");
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({
      email: left.member.email,
      orgId: kept.orgId,
      memberships: [expect.objectContaining({ orgId: kept.orgId })],
    });
    expect((session.body as { memberships: unknown[] }).memberships).toHaveLength(1);
    expect((await keptSession.get("/api/me")).status).toBe(200);
  });

  it("does not show admins my channels or network sizes", async () => {
    // Prepare
    const org = await seedOrganisation("Channels");
    const me = new TestClient(flow.app, org.member.sessionToken);
    const patched = await me.patch("/api/me", {
      json: { channels: [{ channel: "linkedin", networkSize: 4321 }] },
    });
    expect(patched.status).toBe(200);
    const admin = new TestClient(flow.app, org.admin.sessionToken);

    // Act
    const one = await admin.get(`/api/admin/members/${org.member.memberId}`);
    const list = await admin.get(`/api/admin/members?q=${encodeURIComponent(org.member.email)}`);

    // Assess
    for (const response of [one, list]) {
      expect(response.status).toBe(200);
      expect(response.text).toContain(org.member.email);
      // Field names, not the number: "4321" can occur inside a random id.
      expect(response.text).not.toContain("networkSize");
      expect(response.text).not.toContain("linkedin");
    }
  });

  it("refuses to let the last owner leave (409) and keeps them", async () => {
    // Prepare
    const { owner } = await organisationWithOneOwner();
    const me = new TestClient(flow.app, await sessionOf(owner));

    // Act
    const response = await me.post("/api/me/leave", { json: { confirm: true } });

    // Assess
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: { code: "last_owner" } });
    expect(response.headers.get("set-cookie")).toBeNull();
    const stillThere = await me.get("/api/me");
    expect(stillThere.status).toBe(200);
    expect(stillThere.body).toMatchObject({ role: "owner", status: "active" });
  });

  it("lets an owner leave once there is another owner", async () => {
    // Prepare
    const org = await seedOrganisation("TwoOwners");
    const owner = new TestClient(flow.app, org.owner.sessionToken);
    const promoted = await owner.patch(`/api/admin/members/${org.admin.memberId}`, {
      json: { role: "owner" },
    });
    expect(promoted.status).toBe(200);

    // Act
    const response = await owner.post("/api/me/leave", { json: { confirm: true } });

    // Assess
    expect(response.status).toBe(200);
    const newOwner = new TestClient(flow.app, org.admin.sessionToken);
    expect((await newOwner.get("/api/me")).body).toMatchObject({ role: "owner" });
    expect((await newOwner.get(`/api/admin/members/${org.owner.memberId}`)).status).toBe(404);
  });
});
