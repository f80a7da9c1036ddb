import { Member } from "@sprida/core/member";
import { describe, expect, it } from "vitest";
import { TEST_ORIGIN, TestClient } from "../../helpers/http";
import {
  joinAs,
  MINUTE_MS,
  organisationWithOneOwner,
  sessionOf,
  uniqueEmail,
  useHttpFlows,
} from "../../helpers/http-flows";
import { type SeededOrg, seedOrganisation } from "../../helpers/identity";
import { TEST_ALTERNATE_ORIGINS } from "../../helpers/runtime";

type MemberView = {
  memberId: string;
  email: string;
  displayName?: string;
  role: string;
  status: string;
  segment: Record<string, string>;
  curatorTopics: string[];
  deactivatedAt?: string;
};
type AuditEntry = {
  at: string;
  actorMemberId: string;
  action: string;
  targetMemberId?: string;
  details?: Record<string, unknown>;
};

/**
 * Administration over HTTP: finding members, the role rules, segments and curator topics,
 * deactivation, the audit log (owners only), organisation settings and guidelines.
 */
describe("administration over HTTP", () => {
  const flow = useHttpFlows();
  const { clock } = flow;

  const clientsOf = (org: SeededOrg) => ({
    owner: new TestClient(flow.app, org.owner.sessionToken),
    admin: new TestClient(flow.app, org.admin.sessionToken),
    curator: new TestClient(flow.app, org.curator.sessionToken),
    member: new TestClient(flow.app, org.member.sessionToken),
  });

  async function memberIdsFor(admin: TestClient, query: Record<string, string>) {
    const response = await admin.get(`/api/admin/members?${new URLSearchParams(query)}`);
    expect(response.status, response.text).toBe(200);
    return (response.body as { members: MemberView[] }).members.map((m) => m.memberId).sort();
  }

  async function memberAsSeen(admin: TestClient, memberId: string) {
    const response = await admin.get(`/api/admin/members/${memberId}`);
    expect(response.status).toBe(200);
    return response.body as MemberView;
  }

  const sorted = (...ids: string[]) => [...ids].sort();

  it("lists members and filters them by status, role, office, unit, competence area and text", async () => {
    // Prepare
    const org = await seedOrganisation("Listing");
    const { admin } = clientsOf(org);
    const designer = await joinAs(org.orgId, uniqueEmail("designer"), "member", {
      displayName: "Ådel Designer",
      segment: { office: "Malmö", unit: "Marketing", competenceArea: "Design" },
    });
    const deactivated = await joinAs(org.orgId, uniqueEmail("gone"), "member", {
      segment: { office: "Malmö", unit: "Sales" },
    });
    await Member.deactivate(
      { ...org.admin, orgId: org.orgId, status: "active" },
      deactivated.memberId,
    );
    const seeded = [org.owner, org.admin, org.curator, org.member].map((m) => m.memberId);

    // Act
    const all = await memberIdsFor(admin, {});
    const invited = await memberIdsFor(admin, { status: "invited" });
    const deactivatedOnes = await memberIdsFor(admin, { status: "deactivated" });
    const activeCurators = await memberIdsFor(admin, { status: "active", role: "curator" });
    const inMalmo = await memberIdsFor(admin, { office: "Malmö" });
    const salesMembers = await memberIdsFor(admin, { unit: "Sales", role: "member" });
    const designers = await memberIdsFor(admin, { competenceArea: "Design" });
    const byAddress = await memberIdsFor(admin, { q: designer.email.slice(0, 20).toUpperCase() });
    const byName = await memberIdsFor(admin, { q: "ådel desi" });
    const nobody = await memberIdsFor(admin, { q: "no-such-person-anywhere" });
    const left = await admin.get("/api/admin/members?status=left");

    // Assess
    expect(all).toEqual(
      sorted(...seeded, org.invited.memberId, designer.memberId, deactivated.memberId),
    );
    expect(invited).toEqual([org.invited.memberId]);
    expect(deactivatedOnes).toEqual([deactivated.memberId]);
    expect(activeCurators).toEqual([org.curator.memberId]);
    expect(inMalmo).toEqual(sorted(designer.memberId, deactivated.memberId));
    expect(salesMembers).toEqual(sorted(org.member.memberId, deactivated.memberId));
    expect(designers).toEqual([designer.memberId]);
    expect(byAddress).toEqual([designer.memberId]);
    expect(byName).toEqual([designer.memberId]);
    expect(nobody).toEqual([]);
    expect(left.status).toBe(400);
  });

  it("pages through members with limit and cursor, each member once", async () => {
    // Prepare
    const org = await seedOrganisation("Paging");
    const { admin } = clientsOf(org);
    for (let index = 0; index < 3; index++) await joinAs(org.orgId, uniqueEmail("page"));
    const everyone = await memberIdsFor(admin, { limit: "100" });

    // Act
    const pages: string[][] = [];
    let cursor: string | null | undefined;
    do {
      const query = new URLSearchParams({ limit: "3", ...(cursor ? { cursor } : {}) });
      const response = await admin.get(`/api/admin/members?${query}`);
      expect(response.status, response.text).toBe(200);
      const body = response.body as { members: MemberView[]; cursor?: string | null };
      pages.push(body.members.map((m) => m.memberId));
      cursor = body.cursor;
    } while (cursor && pages.length < 10);
    const badCursor = await admin.get("/api/admin/members?cursor=not-a-cursor");

    // Assess
    expect(everyone).toHaveLength(8);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(3);
    expect(pages.flat().sort()).toEqual(everyone);
    expect(badCursor.status).toBe(400);
  });

  it("gets one member, and answers 404 for an id that is no member here", async () => {
    // Prepare
    const org = await seedOrganisation("GetOne");
    const other = await seedOrganisation("Elsewhere");
    const { admin } = clientsOf(org);

    // Act
    const found = await admin.get(`/api/admin/members/${org.curator.memberId}`);
    const unknown = await admin.get("/api/admin/members/00000000-0000-4000-8000-000000000000");
    const foreign = await admin.get(`/api/admin/members/${other.member.memberId}`);

    // Assess
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      memberId: org.curator.memberId,
      email: org.curator.email,
      displayName: "GetOne curator",
      role: "curator",
      status: "active",
      segment: { office: "Stockholm", unit: "Sales" },
      curatorTopics: ["product"],
    });
    expect(unknown.status).toBe(404);
    expect(foreign.status).toBe(404);
  });

  it("lets an admin change a member's role", async () => {
    // Prepare
    const org = await seedOrganisation("Promote");
    const { admin } = clientsOf(org);

    // Act
    const response = await admin.patch(`/api/admin/members/${org.member.memberId}`, {
      json: { role: "curator" },
    });

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ memberId: org.member.memberId, role: "curator" });
    expect(await memberAsSeen(admin, org.member.memberId)).toMatchObject({ role: "curator" });
    const theirSession = await new TestClient(flow.app, org.member.sessionToken).get(
      "/api/session",
    );
    expect(theirSession.body).toMatchObject({ role: "curator" });
  });

  it("does not let an admin change an owner's role nor grant the owner role (403), and nothing changes", async () => {
    // Prepare
    const org = await seedOrganisation("AdminLimits");
    const { admin } = clientsOf(org);

    // Act
    const demoteOwner = await admin.patch(`/api/admin/members/${org.owner.memberId}`, {
      json: { role: "member" },
    });
    const grantOwner = await admin.patch(`/api/admin/members/${org.member.memberId}`, {
      json: { role: "owner" },
    });
    const selfPromotion = await admin.patch(`/api/admin/members/${org.admin.memberId}`, {
      json: { role: "owner" },
    });

    // Assess
    for (const response of [demoteOwner, grantOwner, selfPromotion]) {
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ error: { code: "owner_required" } });
    }
    expect(await memberAsSeen(admin, org.owner.memberId)).toMatchObject({ role: "owner" });
    expect(await memberAsSeen(admin, org.member.memberId)).toMatchObject({ role: "member" });
    expect(await memberAsSeen(admin, org.admin.memberId)).toMatchObject({ role: "admin" });
  });

  it("lets an owner grant the owner role and take it from another owner", async () => {
    // Prepare
    const org = await seedOrganisation("OwnerPowers");
    const { owner } = clientsOf(org);

    // Act
    const granted = await owner.patch(`/api/admin/members/${org.admin.memberId}`, {
      json: { role: "owner" },
    });
    const demoted = await owner.patch(`/api/admin/members/${org.admin.memberId}`, {
      json: { role: "admin" },
    });

    // Assess
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ role: "owner" });
    expect(demoted.status).toBe(200);
    expect(demoted.body).toMatchObject({ role: "admin" });
  });

  it("does not let the last owner be demoted (409)", async () => {
    // Prepare
    const { owner } = await organisationWithOneOwner();
    const me = new TestClient(flow.app, await sessionOf(owner));

    // Act
    const response = await me.patch(`/api/admin/members/${owner.memberId}`, {
      json: { role: "admin" },
    });

    // Assess
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: { code: "last_owner" } });
    expect((await me.get("/api/me")).body).toMatchObject({ role: "owner" });
  });

  it("does not let a member or a curator change roles, and the role stays", async () => {
    // Prepare
    const org = await seedOrganisation("NoRoles");
    const { admin, curator, member } = clientsOf(org);

    // Act
    const byMember = await member.patch(`/api/admin/members/${org.member.memberId}`, {
      json: { role: "admin" },
    });
    const byCurator = await curator.patch(`/api/admin/members/${org.member.memberId}`, {
      json: { role: "curator" },
    });

    // Assess
    expect(byMember.status).toBe(403);
    expect(byCurator.status).toBe(403);
    expect(await memberAsSeen(admin, org.member.memberId)).toMatchObject({ role: "member" });
  });

  it("updates a member's segment and a curator's topics, and refuses an unknown segment field", async () => {
    // Prepare
    const org = await seedOrganisation("Segments");
    const { admin } = clientsOf(org);

    // Act
    const segment = await admin.patch(`/api/admin/members/${org.member.memberId}`, {
      json: { segment: { office: "Umeå", unit: "R&D", competenceArea: "Cloud" } },
    });
    const topics = await admin.patch(`/api/admin/members/${org.curator.memberId}`, {
      json: { curatorTopics: ["product", "news", "news"] },
    });
    const unknownField = await admin.patch(`/api/admin/members/${org.member.memberId}`, {
      json: { segment: { floor: "3" } },
    });
    const nothing = await admin.patch(`/api/admin/members/${org.member.memberId}`, { json: {} });

    // Assess
    expect(segment.status).toBe(200);
    expect(segment.body).toMatchObject({
      segment: { office: "Umeå", unit: "R&D", competenceArea: "Cloud" },
    });
    expect(topics.status).toBe(200);
    expect((topics.body as MemberView).curatorTopics).toEqual(["product", "news"]);
    expect(unknownField.status).toBe(400);
    expect(nothing.status).toBe(400);
    expect(await memberAsSeen(admin, org.member.memberId)).toMatchObject({
      segment: { office: "Umeå", unit: "R&D", competenceArea: "Cloud" },
    });
  });

  it("deactivates a member, whose session stops working at once, and reactivates them", async () => {
    // Prepare
    const org = await seedOrganisation("Deactivate");
    const { admin } = clientsOf(org);
    const theirBrowser = new TestClient(flow.app, org.member.sessionToken);
    expect((await theirBrowser.get("/api/me")).status).toBe(200);

    // Act
    const deactivated = await admin.post(`/api/admin/members/${org.member.memberId}/deactivate`);
    const theirNextRequest = await theirBrowser.get("/api/me");
    const reactivated = await admin.post(`/api/admin/members/${org.member.memberId}/reactivate`);

    // Assess
    expect(deactivated.status).toBe(200);
    expect(deactivated.body).toMatchObject({
      status: "deactivated",
      deactivatedAt: expect.any(String),
    });
    expect(theirNextRequest.status).toBe(401);
    expect(reactivated.status).toBe(200);
    expect(reactivated.body).toMatchObject({ status: "active" });
    expect((reactivated.body as MemberView).deactivatedAt).toBeUndefined();
    const freshSession = await sessionOf({ ...org.member, orgId: org.orgId });
    expect((await new TestClient(flow.app, freshSession).get("/api/me")).status).toBe(200);
  });

  it("does not let an admin deactivate an owner or themself (403)", async () => {
    // Prepare
    const org = await seedOrganisation("DeactivateLimits");
    const { admin } = clientsOf(org);

    // Act
    const owner = await admin.post(`/api/admin/members/${org.owner.memberId}/deactivate`);
    const self = await admin.post(`/api/admin/members/${org.admin.memberId}/deactivate`);

    // Assess
    expect(owner.status).toBe(403);
    expect(self.status).toBe(403);
    expect(await memberAsSeen(admin, org.owner.memberId)).toMatchObject({ status: "active" });
    expect((await admin.get("/api/me")).status).toBe(200);
  });

  it("records every admin action in the audit log with who, what and when, newest first, readable by owners only", async () => {
    // Prepare
    const org = await seedOrganisation("Audit");
    const { admin, owner } = clientsOf(org);
    const startedAt = clock.now().toISOString();
    const target = org.member.memberId;
    const steps: [string, () => Promise<{ status: number }>][] = [
      [
        "member.invited",
        () => admin.post("/api/admin/invites", { json: { email: uniqueEmail() } }),
      ],
      [
        "member.role_changed",
        () => admin.patch(`/api/admin/members/${target}`, { json: { role: "curator" } }),
      ],
      [
        "member.segment_changed",
        () => admin.patch(`/api/admin/members/${target}`, { json: { segment: { unit: "HR" } } }),
      ],
      [
        "member.curator_topics_set",
        () => admin.patch(`/api/admin/members/${target}`, { json: { curatorTopics: ["hr"] } }),
      ],
      ["member.deactivated", () => admin.post(`/api/admin/members/${target}/deactivate`)],
      ["member.reactivated", () => admin.post(`/api/admin/members/${target}/reactivate`)],
      ["org.updated", () => admin.patch("/api/admin/organisation", { json: { name: "Renamed" } })],
      [
        "org.guidelines_published",
        () => admin.post("/api/admin/organisation/guidelines", { json: { text: "v2" } }),
      ],
    ];

    // Act: one action a minute.
    for (const [action, step] of steps) {
      clock.advance(MINUTE_MS);
      const response = await step();
      expect(response.status, action).toBeLessThan(300);
    }
    const endedAt = clock.now().toISOString();
    const asOwner = await owner.get("/api/admin/audit?limit=100");
    const asAdmin = await admin.get("/api/admin/audit");

    // Assess
    expect(asOwner.status).toBe(200);
    const entries = (asOwner.body as { entries: AuditEntry[] }).entries.filter(
      (entry) => entry.at > startedAt,
    );
    expect(entries.map((entry) => entry.action)).toEqual(steps.map(([action]) => action).reverse());
    for (const entry of entries) {
      expect(entry.actorMemberId).toBe(org.admin.memberId);
      expect(entry.at > startedAt && entry.at <= endedAt, entry.at).toBe(true);
    }
    for (const entry of entries.filter(
      (e) => e.action.startsWith("member.") && e.action !== "member.invited",
    )) {
      expect(entry.targetMemberId).toBe(target);
    }
    expect(entries.find((e) => e.action === "member.role_changed")?.details).toEqual({
      from: "member",
      to: "curator",
    });
    expect(asOwner.text).not.toContain(org.member.email);
    expect(asAdmin.status).toBe(403);
  });

  it.each([
    ["an unknown time zone", { timeZone: "Mars/Olympus_Mons" }, "timeZone"],
    ["an origin with a path", { publicOrigin: "https://sprida.example.com/app" }, "publicOrigin"],
    ["an origin with a query", { publicOrigin: "https://sprida.example.com?x=1" }, "publicOrigin"],
    ["a non-http origin", { publicOrigin: "javascript:alert(1)" }, "publicOrigin"],
    ["a plain-http origin", { publicOrigin: "http://sprida.example.com" }, "publicOrigin"],
    [
      "an origin the deployment does not serve",
      { publicOrigin: "https://attacker.example" },
      "publicOrigin",
    ],
    [
      "an origin with credentials",
      { publicOrigin: "https://a:b@sprida.example.com" },
      "publicOrigin",
    ],
    ["a host name with a scheme", { ownDomains: ["https://example.com"] }, "ownDomains.0"],
    ["a host name with a path", { ownDomains: ["example.com/path"] }, "ownDomains.0"],
    ["a host name without a dot", { ownDomains: ["localhost"] }, "ownDomains.0"],
    ["a range with a prefix too long", { internalNetworks: ["10.0.0.0/33"] }, "internalNetworks.0"],
    ["an address without a prefix", { internalNetworks: ["10.0.0.1"] }, "internalNetworks.0"],
    ["text as a range", { internalNetworks: ["office"] }, "internalNetworks.0"],
  ])("refuses organisation settings with %s (400) and changes nothing", async (_, patch, path) => {
    // Prepare
    const org = await seedOrganisation("Settings");
    const { admin } = clientsOf(org);
    const before = (await admin.get("/api/admin/organisation")).body;

    // Act
    const response = await admin.patch("/api/admin/organisation", { json: patch });

    // Assess
    expect(response.status).toBe(400);
    const issues = (response.body as { error: { issues?: { path: string }[] } }).error.issues;
    expect(issues?.map((issue) => issue.path)).toContain(path);
    expect((await admin.get("/api/admin/organisation")).body).toEqual(before);
  });

  it("saves valid organisation settings, normalised: origin without trailing slash, host names lower-cased and once", async () => {
    // Prepare
    const org = await seedOrganisation("GoodSettings");
    const { admin, member, owner } = clientsOf(org);
    const before = (await admin.get("/api/admin/organisation")).body;
    expect(before).toMatchObject({
      publicOrigin: TEST_ORIGIN,
      publicOriginChoices: [...TEST_ALTERNATE_ORIGINS],
    });

    // Act
    const response = await admin.patch("/api/admin/organisation", {
      json: {
        timeZone: "America/New_York",
        publicOrigin: "https://sprida.example.com/",
        ownDomains: ["Example.COM", "www.example.com", "example.com"],
        internalNetworks: ["192.0.2.0/24", "2001:db8::/32"],
        settings: { points: { perUniqueHumanClick: 3 } },
      },
    });

    // Assess
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({
      // Point rules are returned, the changed one and the others as they were.
      settings: { points: { perConfirmedShare: 5, perUniqueHumanClick: 3 } },
      timeZone: "America/New_York",
      publicOrigin: "https://sprida.example.com",
      ownDomains: ["example.com", "www.example.com"],
      internalNetworks: ["192.0.2.0/24", "2001:db8::/32"],
    });
    expect((await admin.get("/api/admin/organisation")).body).toEqual(response.body);
    const asMember = await member.get("/api/organisation");
    expect(asMember.body).toMatchObject({ timeZone: "America/New_York" });
    expect(asMember.text).not.toContain("192.0.2.0/24");
    // The audit log shows what changed, from what to what.
    const audit = (await owner.get("/api/admin/audit")).body as { entries: AuditEntry[] };
    expect(audit.entries[0]).toMatchObject({
      action: "org.updated",
      details: {
        fields: ["timeZone", "ownDomains", "internalNetworks", "publicOrigin", "settings"],
        changes: {
          timeZone: { from: "Europe/Stockholm", to: "America/New_York" },
          publicOrigin: { from: null, to: "https://sprida.example.com" },
          ownDomains: { added: ["example.com", "www.example.com"], removed: [] },
          internalNetworks: { added: ["192.0.2.0/24", "2001:db8::/32"], removed: [] },
          settings: {
            from: { points: { perUniqueHumanClick: 1 } },
            to: { points: { perUniqueHumanClick: 3 } },
          },
        },
      },
    });
  });

  it("goes back to the deployment's own origin when the origin is set to null", async () => {
    // Prepare
    const org = await seedOrganisation("ResetOrigin");
    const { admin, owner } = clientsOf(org);
    await admin.patch("/api/admin/organisation", {
      json: { publicOrigin: "https://dela.exempel.se" },
    });

    // Act
    const response = await admin.patch("/api/admin/organisation", { json: { publicOrigin: null } });

    // Assess
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ publicOrigin: TEST_ORIGIN });
    const audit = (await owner.get("/api/admin/audit")).body as { entries: AuditEntry[] };
    expect(audit.entries[0]?.details).toEqual({
      fields: ["publicOrigin"],
      changes: { publicOrigin: { from: "https://dela.exempel.se", to: null } },
    });
  });

  it("publishes guidelines as the next version each time, and members see the newest", async () => {
    // Prepare
    const org = await seedOrganisation("Guidelines");
    const { admin, member } = clientsOf(org);

    // Act
    const second = await admin.post("/api/admin/organisation/guidelines", {
      json: { text: "Second version" },
    });
    const third = await admin.post("/api/admin/organisation/guidelines", {
      json: { text: "Third version" },
    });
    const seenByMember = await member.get("/api/organisation");
    const empty = await admin.post("/api/admin/organisation/guidelines", { json: { text: "" } });

    // Assess
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ version: 2, text: "Second version" });
    expect(third.status).toBe(201);
    expect(third.body).toMatchObject({ version: 3, text: "Third version" });
    expect(seenByMember.body).toMatchObject({ guidelines: { version: 3, text: "Third version" } });
    expect(empty.status).toBe(400);
    expect((await member.get("/api/organisation")).body).toMatchObject({
      guidelines: { version: 3 },
    });
  });
});
