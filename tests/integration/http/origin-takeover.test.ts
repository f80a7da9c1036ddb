import { Org } from "@sprida/core/org";
import { describe, expect, it } from "vitest";
import { orgService } from "../../../packages/core/src/org/test-support";
import { TEST_ORIGIN, TestClient } from "../../helpers/http";
import { linkIn, tokenOf, uniqueEmail, useHttpFlows } from "../../helpers/http-flows";
import { seedOrganisation } from "../../helpers/identity";
import { TEST_ALTERNATE_ORIGINS } from "../../helpers/runtime";

const ATTACKER_ORIGIN = "https://attacker.example";
const DEPLOYMENT_ORIGINS = [TEST_ORIGIN, ...TEST_ALTERNATE_ORIGINS];

/**
 * The security review's critical finding, replayed through the API and the mail inbox: an
 * admin of one organisation pointed its e-mailed links at a site of theirs, invited the owner
 * of another organisation, redeemed the leaked token and switched the session into the
 * victim's organisation as its owner. Each step of that attack must now fail.
 */
describe("an admin cannot take over accounts through e-mailed links", () => {
  const flow = useHttpFlows();

  it("refuses an origin the deployment does not serve, so the invitation links to the deployment", async () => {
    // Prepare: the victim owns Demo; the attacker owns another organisation.
    const demo = await seedOrganisation("Demo");
    const attacker = await seedOrganisation("Attacker");
    const attackerOwner = new TestClient(flow.app, attacker.owner.sessionToken);

    // Act 1: point the attacker organisation's links at the attacker's site.
    const pointed = await attackerOwner.patch("/api/admin/organisation", {
      json: { publicOrigin: ATTACKER_ORIGIN },
    });

    // Assess 1: refused, and nothing changed.
    expect(pointed.status).toBe(400);
    expect(pointed.text).toContain("publicOrigin");
    expect((await Org.get(attacker.orgId)).publicOrigin).toBeUndefined();

    // Act 2: invite the victim anyway.
    const invited = await attackerOwner.post("/api/admin/invites", {
      json: { email: demo.owner.email, role: "member" },
    });
    expect(invited.status, invited.text).toBe(201);

    // Assess 2: Sprida's own e-mail links to the deployment, never to the attacker.
    const mail = (await flow.inbox.mailTo(demo.owner.email)).at(-1);
    const link = linkIn(mail, "/join");
    expect(DEPLOYMENT_ORIGINS).toContain(link.origin);
    expect(mail?.body.text).not.toContain("attacker.example");
    expect(mail?.body.html ?? "").not.toContain("attacker.example");
  });

  it("does not let an invitation's session switch into the person's other organisations", async () => {
    // Prepare: the attacker has the victim's invitation token (as if it had leaked).
    const demo = await seedOrganisation("Demo");
    const attacker = await seedOrganisation("Attacker");
    const attackerOwner = new TestClient(flow.app, attacker.owner.sessionToken);
    await attackerOwner.post("/api/admin/invites", {
      json: { email: demo.owner.email, role: "member" },
    });
    const token = tokenOf(linkIn((await flow.inbox.mailTo(demo.owner.email)).at(-1), "/join"));
    const thief = new TestClient(flow.app);

    // Act
    const joined = await thief.post("/api/invites/accept", {
      json: { token, guidelinesVersion: 1, optIn: true },
    });
    const switched = await thief.post("/api/session/organisation", {
      json: { orgId: demo.orgId },
    });
    const auditLog = await thief.get("/api/admin/audit");
    const session = await thief.get("/api/session");

    // Assess: a member session in the attacker's organisation and nothing more.
    expect(joined.status, joined.text).toBe(201);
    expect(joined.body).toMatchObject({ orgId: attacker.orgId, role: "member", canSwitch: false });
    expect(switched.status).toBe(403);
    expect(switched.body).toMatchObject({ error: { code: "sign_in_to_switch" } });
    expect(auditLog.status).toBe(403);
    expect(session.body).toMatchObject({ orgId: attacker.orgId, role: "member" });
  });

  it("lets a person who signed in with their own e-mail switch as before", async () => {
    // Prepare: the victim joined the second organisation and later signs in normally.
    const demo = await seedOrganisation("Demo");
    const second = await seedOrganisation("Second");
    const secondAdmin = new TestClient(flow.app, second.admin.sessionToken);
    await secondAdmin.post("/api/admin/invites", { json: { email: demo.owner.email } });
    const token = tokenOf(linkIn((await flow.inbox.mailTo(demo.owner.email)).at(-1), "/join"));
    await new TestClient(flow.app).post("/api/invites/accept", {
      json: { token, guidelinesVersion: 1, optIn: true },
    });
    const browser = new TestClient(flow.app);
    await browser.post("/api/auth/sign-in/request", {
      json: { email: demo.owner.email, orgId: second.orgId },
    });
    const signInToken = tokenOf(
      linkIn((await flow.inbox.mailTo(demo.owner.email)).at(-1), "/sign-in"),
    );
    await browser.post("/api/auth/sign-in/link", { json: { token: signInToken } });

    // Act
    const switched = await browser.post("/api/session/organisation", {
      json: { orgId: demo.orgId },
    });

    // Assess
    expect(switched.status, switched.text).toBe(200);
    expect(switched.body).toMatchObject({ orgId: demo.orgId, role: "owner", canSwitch: true });
  });

  it("sends a sign-in e-mail to the deployment even when an origin was stored before the rule", async () => {
    // Prepare: an origin written straight to the table, as an older version allowed.
    const demo = await seedOrganisation("Demo");
    await orgService()
      .organisation.patch({ orgId: demo.orgId })
      .set({ publicOrigin: ATTACKER_ORIGIN })
      .go();
    const admin = new TestClient(flow.app, demo.admin.sessionToken);

    // Act: the admin asks for a sign-in e-mail for the owner (the route is public).
    const asked = await admin.post("/api/auth/sign-in/request", {
      json: { email: demo.owner.email, orgId: demo.orgId },
    });

    // Assess
    expect(asked.status).toBe(202);
    const mail = (await flow.inbox.mailTo(demo.owner.email)).at(-1);
    expect(linkIn(mail, "/sign-in").origin).toBe(TEST_ORIGIN);
    expect(mail?.body.text).not.toContain("attacker.example");
    const settings = await admin.get("/api/admin/organisation");
    expect(settings.body).toMatchObject({ publicOrigin: TEST_ORIGIN });
  });

  it("builds links on the organisation's chosen origin, one the deployment serves", async () => {
    // Prepare
    const demo = await seedOrganisation("Demo");
    const admin = new TestClient(flow.app, demo.admin.sessionToken);
    const chosen = TEST_ALTERNATE_ORIGINS[1];

    // Act
    const response = await admin.patch("/api/admin/organisation", {
      json: { publicOrigin: chosen },
    });

    // Assess
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ publicOrigin: chosen });
    const email = uniqueEmail("reader");
    await admin.post("/api/admin/invites", { json: { email } });
    expect(linkIn((await flow.inbox.mailTo(email)).at(-1), "/join").origin).toBe(chosen);
  });
});
