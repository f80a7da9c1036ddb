import { Org } from "@sprida/core/org";
import { describe, expect, it } from "vitest";
import { TestClient, type TestResponse } from "../../helpers/http";
import {
  alternateOrigin,
  DAY_MS,
  formOn,
  linkIn,
  pathOf,
  pressButton,
  today,
  tokenOf,
  uniqueEmail,
  useHttpFlows,
} from "../../helpers/http-flows";
import { seedOrganisation } from "../../helpers/identity";

type MemberView = { memberId: string; email: string; status: string; role: string };
type DayCounts = { day: string; active: number; invited: number };

/**
 * Invitations over HTTP: e-mailed /join links from the organisation's own origin, a page
 * that records nothing, acceptance of the current guidelines that signs the member in,
 * expiry and single use, the CSV import, who may invite whom, and the per-day counts.
 */
describe("invites over HTTP", () => {
  const flow = useHttpFlows();
  const { clock } = flow;

  /** A seeded organisation whose links point at an origin of its own. */
  async function organisation(label: string) {
    const org = await seedOrganisation(label);
    const publicOrigin = alternateOrigin();
    await Org.update(org.orgId, { publicOrigin });
    return { org, publicOrigin, admin: new TestClient(flow.app, org.admin.sessionToken) };
  }

  async function invite(admin: TestClient, email: string, role = "member") {
    const response = await admin.post("/api/admin/invites", {
      json: { email, role, displayName: "Invited Person" },
    });
    expect(response.status, response.text).toBe(201);
    return response.body as MemberView;
  }

  async function joinLinkOf(email: string) {
    const mails = await flow.inbox.mailTo(email);
    return linkIn(mails.at(-1), "/join");
  }

  async function memberAsAdminSees(admin: TestClient, memberId: string) {
    const response = await admin.get(`/api/admin/members/${memberId}`);
    expect(response.status).toBe(200);
    return response.body as MemberView;
  }

  async function countsOn(admin: TestClient, from: string, to = from): Promise<DayCounts[]> {
    const response = await admin.get(`/api/admin/member-counts?from=${from}&to=${to}`);
    expect(response.status, response.text).toBe(200);
    return (response.body as { days: DayCounts[] }).days;
  }

  function accept(token: string, guidelinesVersion = 1, browser = new TestClient(flow.app)) {
    return browser.post("/api/invites/accept", {
      json: { token, guidelinesVersion, optIn: true },
    });
  }

  function expectNoCookie(response: TestResponse) {
    expect(response.headers.get("set-cookie")).toBeNull();
  }

  it("e-mails the invitee a /join link built from the organisation's public origin, whatever the Host", async () => {
    // Prepare
    const { org, publicOrigin, admin } = await organisation("Mailed");
    const email = uniqueEmail("invitee");

    // Act
    const response = await admin.post("/api/admin/invites", {
      json: { email: email.toUpperCase(), role: "member" },
      headers: { host: "evil.example", "x-forwarded-host": "evil.example" },
    });

    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ email, role: "member", status: "invited" });
    const mails = await flow.inbox.mailTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(`You are invited to ${org.name} on Sprida`);
    const link = linkIn(mails[0], "/join");
    expect(link.origin).toBe(publicOrigin);
    tokenOf(link);
    expect(mails[0]?.body.html).not.toContain("evil.example");
  });

  it("shows the guidelines on GET /join and records nothing: the member stays invited, no session, counts and audit log unchanged", async () => {
    // Prepare
    const { org } = await organisation("Look");
    const admin = new TestClient(flow.app, org.admin.sessionToken);
    const owner = new TestClient(flow.app, org.owner.sessionToken);
    const invited = await invite(admin, uniqueEmail("looker"));
    const link = await joinLinkOf(invited.email);
    const countsBefore = await countsOn(admin, today(clock));
    const auditBefore = (await owner.get("/api/admin/audit")).text;
    const browser = new TestClient(flow.app);

    // Act
    const first = await browser.get(pathOf(link));
    const second = await browser.get(pathOf(link));
    const described = await browser.post("/api/invites/describe", {
      json: { token: tokenOf(link) },
    });

    // Assess
    for (const page of [first, second]) {
      expect(page.status).toBe(200);
      expect(page.text).toContain(`Guidelines of Look`);
      const form = formOn(page);
      expect(form.action.split("?")[0]).toBe("/join");
      expect(form.hasButton).toBe(true);
      expect(form.checkboxes).toBe(1);
      expectNoCookie(page);
    }
    expect(described.status).toBe(200);
    expect(described.body).toMatchObject({
      orgName: org.name,
      email: invited.email,
      guidelines: { version: 1 },
    });
    expectNoCookie(described);
    expect((await memberAsAdminSees(admin, invited.memberId)).status).toBe("invited");
    expect(await countsOn(admin, today(clock))).toEqual(countsBefore);
    expect((await owner.get("/api/admin/audit")).text).toBe(auditBefore);
  });

  it("activates the member and signs them in when they accept the current guidelines", async () => {
    // Prepare
    const { org, admin } = await organisation("Accept");
    const invited = await invite(admin, uniqueEmail("joiner"));
    const token = tokenOf(await joinLinkOf(invited.email));
    const browser = new TestClient(flow.app);

    // Act
    const response = await accept(token, 1, browser);
    const me = await browser.get("/api/me");

    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      email: invited.email,
      orgId: org.orgId,
      memberId: invited.memberId,
      role: "member",
    });
    expect(response.headers.get("set-cookie")).toMatch(/^sprida_session=.+HttpOnly/);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      memberId: invited.memberId,
      status: "active",
      guidelinesAccepted: { version: 1 },
    });
    const asAdminSees = await memberAsAdminSees(admin, invited.memberId);
    expect(asAdminSees).toMatchObject({ status: "active", joinedAt: expect.any(String) });
  });

  it("joins through the /join page's button too, once the guidelines box is ticked", async () => {
    // Prepare
    const { admin } = await organisation("JoinPage");
    const invited = await invite(admin, uniqueEmail("page-joiner"));
    const link = await joinLinkOf(invited.email);
    const browser = new TestClient(flow.app);
    const page = await browser.get(pathOf(link));

    // Act
    const joined = await pressButton(browser, page, { tick: true });
    const me = await browser.get("/api/me");

    // Assess
    expect(joined.status).toBe(303);
    expect(joined.headers.get("set-cookie")).toMatch(/^sprida_session=/);
    expect(me.body).toMatchObject({
      memberId: invited.memberId,
      status: "active",
      guidelinesAccepted: { version: 1 },
    });
  });

  it("refuses an accept of an older guidelines version with 409 after new guidelines are published, and changes nothing", async () => {
    // Prepare
    const { admin } = await organisation("Changed");
    const invited = await invite(admin, uniqueEmail("slow-reader"));
    const token = tokenOf(await joinLinkOf(invited.email));
    const published = await admin.post("/api/admin/organisation/guidelines", {
      json: { text: "New rules: be even kinder." },
    });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ version: 2 });
    const countsBefore = await countsOn(admin, today(clock));

    // Act
    const refused = await accept(token, 1);

    // Assess
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: "guidelines_changed" } });
    expectNoCookie(refused);
    expect((await memberAsAdminSees(admin, invited.memberId)).status).toBe("invited");
    expect(await countsOn(admin, today(clock))).toEqual(countsBefore);
    // The page now shows the new version, and accepting that one works.
    const browser = new TestClient(flow.app);
    const page = await browser.get(`/join?token=${token}`);
    expect(page.text).toContain("New rules: be even kinder.");
    expect((await pressButton(browser, page, { tick: true })).status).toBe(303);
    expect((await browser.get("/api/me")).body).toMatchObject({
      guidelinesAccepted: { version: 2 },
    });
  });

  it("refuses an invitation after it expired (15 days later): the page and the API answer 410", async () => {
    // Prepare
    const { admin } = await organisation("Expired");
    const invited = await invite(admin, uniqueEmail("late"));
    const link = await joinLinkOf(invited.email);
    clock.advance(15 * DAY_MS);

    // Act
    const page = await new TestClient(flow.app).get(pathOf(link));
    const accepted = await accept(tokenOf(link));

    // Assess
    expect(page.status).toBe(410);
    expect(accepted.status).toBe(410);
    expect(accepted.body).toMatchObject({ error: { code: "invite_expired" } });
    expectNoCookie(accepted);
    expect((await memberAsAdminSees(admin, invited.memberId)).status).toBe("invited");
  });

  it("refuses an invitation token that was used already: the page and the API answer 410", async () => {
    // Prepare
    const { admin } = await organisation("Reused");
    const invited = await invite(admin, uniqueEmail("twice"));
    const link = await joinLinkOf(invited.email);
    expect((await accept(tokenOf(link))).status).toBe(201);

    // Act
    const again = await accept(tokenOf(link));
    const page = await new TestClient(flow.app).get(pathOf(link));

    // Assess
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ error: { code: "invite_used" } });
    expectNoCookie(again);
    expect(page.status).toBe(410);
  });

  it("replaces a pending invitation when the address is invited again: only the newest link works", async () => {
    // Prepare
    const { admin } = await organisation("Reinvite");
    const email = uniqueEmail("again");
    const first = await invite(admin, email);
    const oldToken = tokenOf(await joinLinkOf(email));
    const second = await invite(admin, email);
    const newToken = tokenOf(await joinLinkOf(email));

    // Act
    const withOld = await accept(oldToken);
    const withNew = await accept(newToken);

    // Assess
    expect(second.memberId).toBe(first.memberId);
    expect(newToken).not.toBe(oldToken);
    expect([404, 410]).toContain(withOld.status);
    expectNoCookie(withOld);
    expect(withNew.status).toBe(201);
  });

  it("reports each CSV row (invited, repeated, bad address, unknown role, already a member) and mails only the invited rows", async () => {
    // Prepare
    const { org, publicOrigin, admin } = await organisation("Csv");
    const first = uniqueEmail("csv-first");
    const second = uniqueEmail("csv-second");
    const unknownRole = uniqueEmail("csv-role");
    const csv = [
      "email,displayName,role,office,unit",
      `${first},First Person,member,Malmö,Sales`,
      `${second.toUpperCase()},,curator,Umeå,`,
      `${first},Again,member,,`,
      "not-an-address,Nobody,member,,",
      `${unknownRole},Someone,superuser,,`,
      `${org.member.email},,member,,`,
      "",
    ].join("\n");

    // Act
    const response = await admin.post("/api/admin/invites/csv", { csv });

    // Assess
    expect(response.status, response.text).toBe(200);
    const rows = (response.body as { rows: { row: number; email: string; outcome: string }[] })
      .rows;
    expect(rows.map(({ row, outcome }) => [row, outcome])).toEqual([
      [2, "invited"],
      [3, "invited"],
      [4, "error"],
      [5, "error"],
      [6, "error"],
      [7, "already_member"],
    ]);
    expect(rows[2]).toMatchObject({ message: expect.stringContaining("row 2") });
    expect(rows[3]).toMatchObject({ message: expect.stringMatching(/e-mail/i) });
    expect(rows[4]).toMatchObject({ message: expect.stringMatching(/role/i) });
    expect(response.text).not.toMatch(/inviteToken/);
    const firstMails = await flow.inbox.mailTo(first);
    expect(firstMails).toHaveLength(1);
    expect(linkIn(firstMails[0], "/join").origin).toBe(publicOrigin);
    expect(await flow.inbox.mailTo(second)).toHaveLength(1);
    expect(await flow.inbox.mailTo(unknownRole)).toEqual([]);
    expect(await flow.inbox.mailTo(org.member.email)).toEqual([]);
    const listed = await admin.get("/api/admin/members?status=invited&office=Malm%C3%B6");
    expect((listed.body as { members: MemberView[] }).members).toEqual([
      expect.objectContaining({ email: first, role: "member" }),
    ]);
  });

  it("does not let a member invite (403) and nothing is sent", async () => {
    // Prepare
    const { org } = await organisation("MemberInvites");
    const email = uniqueEmail("by-member");
    const member = new TestClient(flow.app, org.member.sessionToken);

    // Act
    const response = await member.post("/api/admin/invites", { json: { email } });

    // Assess
    expect(response.status).toBe(403);
    expect(await flow.inbox.mailTo(email)).toEqual([]);
    const admin = new TestClient(flow.app, org.admin.sessionToken);
    const listed = await admin.get(`/api/admin/members?q=${encodeURIComponent(email)}`);
    expect((listed.body as { members: unknown[] }).members).toEqual([]);
  });

  it("does not let an admin invite an owner (403), while an owner can", async () => {
    // Prepare
    const { org, admin } = await organisation("OwnerInvite");
    const owner = new TestClient(flow.app, org.owner.sessionToken);
    const email = uniqueEmail("future-owner");

    // Act
    const byAdmin = await admin.post("/api/admin/invites", { json: { email, role: "owner" } });
    const mailsAfterAdmin = await flow.inbox.mailTo(email);
    const byOwner = await owner.post("/api/admin/invites", { json: { email, role: "owner" } });

    // Assess
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.body).toMatchObject({ error: { code: "owner_required" } });
    expect(mailsAfterAdmin).toEqual([]);
    expect(byOwner.status).toBe(201);
    expect(byOwner.body).toMatchObject({ email, role: "owner", status: "invited" });
    expect(await flow.inbox.mailTo(email)).toHaveLength(1);
  });

  it("keeps member counts per day: an invite counts on its day, the accept on its own day, days between carry over", async () => {
    // Prepare
    const { admin } = await organisation("Counts");
    const inviteDay = today(clock);
    const dayBefore = Org.localDay("Europe/Stockholm", new Date(clock.now().getTime() - DAY_MS));
    const before = await countsOn(admin, inviteDay);
    const invited = await invite(admin, uniqueEmail("counted"));
    const token = tokenOf(await joinLinkOf(invited.email));
    clock.advance(2 * DAY_MS);
    const acceptDay = today(clock);

    // Act
    expect((await accept(token)).status).toBe(201);
    const days = await countsOn(admin, dayBefore, acceptDay);

    // Assess: four seeded members and one seeded invite on the first day.
    expect(before).toEqual([{ day: inviteDay, active: 4, invited: 1 }]);
    expect(days).toHaveLength(4);
    expect(days[0]).toEqual({ day: dayBefore, active: 0, invited: 0 });
    expect(days[1]).toEqual({ day: inviteDay, active: 4, invited: 2 });
    expect(days[2]).toMatchObject({ active: 4, invited: 2 });
    expect(days[3]).toEqual({ day: acceptDay, active: 5, invited: 1 });
  });
});
