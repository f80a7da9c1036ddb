import { randomBytes } from "node:crypto";
import { Member } from "@sprida/core/member";
import { createApp } from "@sprida/functions/http";
import { describe, expect, it } from "vitest";
import { TEST_ORIGIN, TestClient } from "../../helpers/http";
import {
  alternateOrigin,
  codeIn,
  DAY_MS,
  formOn,
  joinAs,
  linkIn,
  MINUTE_MS,
  organisationWithOneOwner,
  pathOf,
  pressButton,
  sessionOf,
  tokenOf,
  uniqueEmail,
  useHttpFlows,
} from "../../helpers/http-flows";
import { seedOrganisation } from "../../helpers/identity";
import { provideTestRuntime } from "../../helpers/runtime";

/** The app as clients behind other addresses meet it. */
const appAt = (clientAddress: () => string) => createApp({ clientAddress });
const groups = (count: number) =>
  Array.from({ length: count }, () => randomBytes(2).toString("hex")).join(":");
/** A random /64 of the documentation prefix, as its first four groups. */
const randomSlash64 = () => `2001:db8:${groups(2)}`;
const randomAddressIn = (slash64: string) => `${slash64}:${groups(4)}`;

/**
 * Sign-in over HTTP: the e-mailed link opens a page whose button signs in, the code is the
 * alternative, both single use for 15 minutes; sessions are revocable and follow the
 * membership; answers never tell whether an address is known.
 */
describe("sign-in over HTTP", () => {
  const flow = useHttpFlows();
  const { clock } = flow;

  /** An active member of a Swedish organisation whose links point at its own origin. */
  async function swedishMember() {
    const publicOrigin = alternateOrigin();
    const { org, owner } = await organisationWithOneOwner({ locale: "sv", publicOrigin });
    return { org, member: owner, publicOrigin };
  }

  async function requestSignIn(email: string, client = new TestClient(flow.app)) {
    return client.post("/api/auth/sign-in/request", { json: { email } });
  }

  async function mailedLink(email: string) {
    const response = await requestSignIn(email);
    expect(response.status).toBe(202);
    const mails = await flow.inbox.mailTo(email);
    return { url: linkIn(mails.at(-1), "/sign-in"), code: codeIn(mails.at(-1)) };
  }

  /** Opens the e-mailed link in a browser and presses the page's button. */
  async function openAndPress(url: URL, browser = new TestClient(flow.app)) {
    const page = await browser.get(pathOf(url));
    expect(page.status).toBe(200);
    return pressButton(browser, page);
  }

  it("answers a known and an unknown address alike, and mails only the known one, in its organisation's language", async () => {
    // Prepare
    const { org, member } = await swedishMember();
    const invitedOnly = uniqueEmail("invited-only");
    await Member.invite({ orgId: org.orgId, email: invitedOnly, invitedBy: member.memberId });
    const deactivated = await joinAs(org.orgId, uniqueEmail("deactivated"), "member");
    await Member.deactivate({ ...member, status: "active" }, deactivated.memberId);
    const unknown = uniqueEmail("unknown");

    // Act
    const known = await requestSignIn(member.email);
    const stranger = await requestSignIn(unknown);
    const notYetJoined = await requestSignIn(invitedOnly);
    const noLongerActive = await requestSignIn(deactivated.email);

    // Assess
    expect(known.status).toBe(202);
    for (const other of [stranger, notYetJoined, noLongerActive]) {
      expect(other.status).toBe(known.status);
      expect(other.text).toBe(known.text);
      expect(other.headers.get("set-cookie")).toBe(known.headers.get("set-cookie"));
    }
    expect(known.headers.get("set-cookie")).toBeNull();
    const mails = await flow.inbox.mailTo(member.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(`Logga in på ${org.name}`);
    expect(mails[0]?.body.text).toContain("Eller ange den här koden:");
    expect(await flow.inbox.mailTo(unknown)).toEqual([]);
    expect(await flow.inbox.mailTo(invitedOnly)).toEqual([]);
    expect(await flow.inbox.mailTo(deactivated.email)).toEqual([]);
  });

  it("signs in to the organisation the request names when the person is active in several, with that organisation's language and origin", async () => {
    // Prepare
    const english = await organisationWithOneOwner({ locale: "en" });
    const { org: swedish, publicOrigin } = await swedishMember();
    const email = uniqueEmail("two-orgs");
    await joinAs(english.org.orgId, email, "member");
    const there = await joinAs(swedish.orgId, email, "admin");

    // Act
    const response = await new TestClient(flow.app).post("/api/auth/sign-in/request", {
      json: { email, orgId: swedish.orgId },
    });
    const [mail] = await flow.inbox.mailTo(email);
    const browser = new TestClient(flow.app);
    const signedIn = await openAndPress(linkIn(mail, "/sign-in"), browser);
    const session = await browser.get("/api/session");

    // Assess
    expect(response.status).toBe(202);
    expect(mail?.subject).toBe(`Logga in på ${swedish.name}`);
    expect(linkIn(mail, "/sign-in").origin).toBe(publicOrigin);
    expect(signedIn.status).toBe(303);
    expect(session.body).toMatchObject({
      orgId: swedish.orgId,
      memberId: there.memberId,
      role: "admin",
    });
  });

  it("builds the e-mailed link from the organisation's public origin, never from the request's Host", async () => {
    // Prepare
    const { member, publicOrigin } = await swedishMember();

    // Act: the request arrives under a forged host name.
    const response = await flow.app.request("http://evil.example/api/auth/sign-in/request", {
      method: "POST",
      headers: {
        host: "evil.example",
        "x-forwarded-host": "evil.example",
        "x-forwarded-proto": "https",
        origin: TEST_ORIGIN,
        "content-type": "application/json",
      },
      body: JSON.stringify({ email: member.email }),
    });

    // Assess
    expect(response.status).toBe(202);
    const [mail] = await flow.inbox.mailTo(member.email);
    const link = linkIn(mail, "/sign-in");
    expect(link.origin).toBe(publicOrigin);
    expect(mail?.body.text).not.toContain("evil.example");
    expect(mail?.body.html).not.toContain("evil.example");
  });

  it("opens the link as a page with a button and does not use the token up on GET", async () => {
    // Prepare
    const { member } = await swedishMember();
    const { url } = await mailedLink(member.email);
    const browser = new TestClient(flow.app);

    // Act: a mail scanner and then the person open the link.
    const first = await browser.get(pathOf(url));
    const second = await browser.get(pathOf(url));
    const signIn = await pressButton(browser, second);

    // Assess
    for (const page of [first, second]) {
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      const form = formOn(page);
      expect(new URL(form.action, TEST_ORIGIN).pathname).toBe("/sign-in");
      expect(form.hasButton).toBe(true);
      expect(page.text).toContain(tokenOf(url));
      expect(page.headers.get("set-cookie")).toBeNull();
    }
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get("set-cookie")).toMatch(/^sprida_session=/);
  });

  it("signs in on the button's POST: a 303 with an HttpOnly, SameSite=Lax, Path=/ cookie (not Secure on http://localhost) that then works", async () => {
    // Prepare
    const { org, member } = await swedishMember();
    const { url } = await mailedLink(member.email);
    const browser = new TestClient(flow.app);

    // Act
    const response = await openAndPress(url, browser);
    const session = await browser.get("/api/session");

    // Assess
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^sprida_session=[A-Za-z0-9_-]{43};/);
    const attributes = cookie.split(";").map((part) => part.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes).not.toContain("secure");
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({
      email: member.email,
      orgId: org.orgId,
      memberId: member.memberId,
      role: "owner",
    });
  });

  it("refuses a link that was used already: the page and the API answer 410", async () => {
    // Prepare
    const { member } = await swedishMember();
    const { url } = await mailedLink(member.email);
    const page = await new TestClient(flow.app).get(pathOf(url));
    const first = await pressButton(new TestClient(flow.app), page);
    expect(first.status).toBe(303);

    // Act: the same button again (back, and press once more).
    const replayedPage = await pressButton(new TestClient(flow.app), page);
    const replayedApi = await new TestClient(flow.app).post("/api/auth/sign-in/link", {
      json: { token: tokenOf(url) },
    });

    // Assess
    expect(replayedPage.status).toBe(410);
    expect(replayedPage.headers.get("content-type")).toMatch(/^text\/html/);
    expect(replayedPage.headers.get("set-cookie")).toBeNull();
    expect(replayedApi.status).toBe(410);
    expect(replayedApi.body).toMatchObject({ error: { code: "used" } });
    expect(replayedApi.headers.get("set-cookie")).toBeNull();
  });

  it("refuses a link after 15 minutes: the page and the API answer 410", async () => {
    // Prepare
    const { member } = await swedishMember();
    const { url, code } = await mailedLink(member.email);
    clock.advance(16 * MINUTE_MS);

    // Act
    const page = await openAndPress(url);
    const api = await new TestClient(flow.app).post("/api/auth/sign-in/link", {
      json: { token: tokenOf(url) },
    });
    const byCode = await new TestClient(flow.app).post("/api/auth/sign-in/code", {
      json: { email: member.email, code },
    });

    // Assess
    expect(page.status).toBe(410);
    expect(page.headers.get("set-cookie")).toBeNull();
    expect(api.status).toBe(410);
    expect(api.body).toMatchObject({ error: { code: "expired" } });
    expect(byCode.status).toBeGreaterThanOrEqual(400);
    expect(byCode.status).toBeLessThan(500);
    expect(byCode.headers.get("set-cookie")).toBeNull();
  });

  it("signs in with the e-mailed six-digit code, once", async () => {
    // Prepare
    const { org, member } = await swedishMember();
    const { url, code } = await mailedLink(member.email);
    const browser = new TestClient(flow.app);

    // Act
    const response = await browser.post("/api/auth/sign-in/code", {
      json: { email: member.email, code },
    });
    const session = await browser.get("/api/session");
    const again = await new TestClient(flow.app).post("/api/auth/sign-in/code", {
      json: { email: member.email, code },
    });
    const linkAfterCode = await new TestClient(flow.app).post("/api/auth/sign-in/link", {
      json: { token: tokenOf(url) },
    });

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ email: member.email, orgId: org.orgId });
    expect(response.headers.get("set-cookie")).toMatch(/HttpOnly/);
    expect(session.status).toBe(200);
    expect(again.status).toBe(410);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(linkAfterCode.status).toBe(410);
  });

  it("refuses wrong codes, and after five wrong ones not even the right code works", async () => {
    // Prepare
    const { member } = await swedishMember();
    const { code } = await mailedLink(member.email);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");

    // Act
    const wrongAnswers = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      wrongAnswers.push(
        await new TestClient(flow.app).post("/api/auth/sign-in/code", {
          json: { email: member.email, code: wrong },
        }),
      );
    }
    const rightAfterwards = await new TestClient(flow.app).post("/api/auth/sign-in/code", {
      json: { email: member.email, code },
    });

    // Assess
    for (const answer of wrongAnswers) {
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ error: { code: "invalid_code" } });
      expect(answer.headers.get("set-cookie")).toBeNull();
    }
    expect(rightAfterwards.status).toBe(401);
    expect(rightAfterwards.headers.get("set-cookie")).toBeNull();
    // A new e-mail brings a code that works.
    const fresh = await mailedLink(member.email);
    const signedIn = await new TestClient(flow.app).post("/api/auth/sign-in/code", {
      json: { email: member.email, code: fresh.code },
    });
    expect(signedIn.status).toBe(200);
  });

  it("answers the sixth request for one address within 15 minutes with 429 and Retry-After, and mails no sixth time", async () => {
    // Prepare
    const { member } = await swedishMember();
    const other = await joinAs(
      (await seedOrganisation("Limits")).orgId,
      uniqueEmail("other"),
      "member",
    );
    clock.toStartOfNextWindow(15 * 60);

    // Act
    const allowed = [];
    for (let request = 0; request < 5; request++) allowed.push(await requestSignIn(member.email));
    const sixth = await requestSignIn(member.email);
    const otherAddress = await requestSignIn(other.email);

    // Assess
    for (const response of allowed) expect(response.status).toBe(202);
    expect(sixth.status).toBe(429);
    expect(sixth.body).toMatchObject({ error: { code: "rate_limited" } });
    const retryAfter = Number(sixth.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(await flow.inbox.mailTo(member.email)).toHaveLength(5);
    // The limit is per address: someone else is not held up.
    expect(otherAddress.status).toBe(202);
  });

  it("does not let a stranger's requests for my address block mine: I am answered as usual and my recent e-mails sign me in", async () => {
    // Prepare
    const { owner: member } = await organisationWithOneOwner();
    const elsewhere = randomSlash64();
    const stranger = new TestClient(appAt(() => randomAddressIn(elsewhere)));
    clock.toStartOfNextWindow(15 * 60);

    // Act
    const theirs = [];
    for (let request = 0; request < 6; request++) {
      theirs.push(await requestSignIn(member.email, stranger));
    }
    const mine = await requestSignIn(member.email);
    const mails = await flow.inbox.mailTo(member.email);
    const signedIn = await openAndPress(linkIn(mails.at(-1), "/sign-in"));

    // Assess
    for (const response of theirs.slice(0, 5)) expect(response.status).toBe(202);
    expect(theirs[5]?.status).toBe(429);
    expect(mine.status).toBe(202);
    expect(mine.text).toBe(theirs[0]?.text);
    // Five e-mails in 15 minutes is the most an address gets; the newest one works.
    expect(mails).toHaveLength(5);
    expect(signedIn.status).toBe(303);
  });

  it("signs in an office of 40 people behind one address, some mistyping their code first", async () => {
    // Prepare
    const { org } = await organisationWithOneOwner();
    const people = await Promise.all(
      Array.from({ length: 40 }, (_, i) => joinAs(org.orgId, uniqueEmail(`office-${i}`))),
    );
    clock.toStartOfNextWindow(60 * 60);

    // Act: every browser is behind the office's one address (flow.app's); people arrive a few
    // at a time (an attempt holds its place in the limits until it is judged).
    const answers = [];
    for (let wave = 0; wave < people.length; wave += 8) {
      const arriving = people.slice(wave, wave + 8).map(async ({ email }, i) => {
        const browser = new TestClient(flow.app);
        const asked = await requestSignIn(email, browser);
        const code = codeIn((await flow.inbox.mailTo(email)).at(-1));
        const mistyped =
          i % 4 === 0
            ? await browser.post("/api/auth/sign-in/code", {
                json: { email, code: code === "000000" ? "000001" : "000000" },
              })
            : undefined;
        const signedIn = await browser.post("/api/auth/sign-in/code", { json: { email, code } });
        return { asked, mistyped, signedIn };
      });
      answers.push(...(await Promise.all(arriving)));
    }

    // Assess
    for (const { asked, mistyped, signedIn } of answers) {
      expect(asked.status).toBe(202);
      if (mistyped) expect(mistyped.status).toBe(401);
      expect(signedIn.status, signedIn.text).toBe(200);
    }
  });

  it("counts every address of one IPv6 /64 as one client: hopping between them does not escape the limit", async () => {
    // Prepare
    const block = randomSlash64();
    const hopping = new TestClient(appAt(() => randomAddressIn(block)));
    const nextBlock = randomSlash64();
    const neighbour = new TestClient(appAt(() => randomAddressIn(nextBlock)));
    const invalidLink = { json: { token: "x".repeat(43) } };
    clock.toStartOfNextWindow(15 * 60);

    // Act: each request from another address of the same /64.
    const answers = [];
    for (let attempt = 0; attempt < 31; attempt++) {
      answers.push(await hopping.post("/api/auth/sign-in/link", invalidLink));
    }
    const fromNeighbour = await neighbour.post("/api/auth/sign-in/link", invalidLink);

    // Assess
    for (const answer of answers.slice(0, 30)) expect(answer.status).toBe(401);
    expect(answers[30]?.status).toBe(429);
    expect(Number(answers[30]?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(fromNeighbour.status).toBe(401);
  });

  it("rolls a session that is used: the cookie is set again for 30 days and the session outlives 30 days from sign-in", async () => {
    // Prepare
    const org = await seedOrganisation("Rolling");
    const browser = new TestClient(flow.app, org.member.sessionToken);

    // Act
    clock.advance(20 * DAY_MS);
    const after20Days = await browser.get("/api/session");
    clock.advance(20 * DAY_MS);
    const after40Days = await browser.get("/api/session");

    // Assess
    expect(after20Days.status).toBe(200);
    expect(after20Days.headers.get("set-cookie")).toMatch(
      /^sprida_session=[A-Za-z0-9_-]{43};.*Max-Age=2592000/i,
    );
    expect(after40Days.status).toBe(200);
  });

  it("ends a session that was not used for 30 days", async () => {
    // Prepare
    const org = await seedOrganisation("Idle");
    const browser = new TestClient(flow.app, org.member.sessionToken);
    clock.advance(31 * DAY_MS);

    // Act
    const response = await browser.get("/api/session");

    // Assess
    expect(response.status).toBe(401);
  });

  it("sets a Secure __Host- cookie when the deployment's public origin is https, and reads only that one", async () => {
    // Prepare
    const httpsOrigin = "https://sprida.secure.example";
    const { member } = await swedishMember();
    provideTestRuntime({ mail: flow.inbox.client, now: clock.now, publicOrigin: httpsOrigin });
    try {
      const browser = new TestClient(flow.app);
      const asked = await browser.post("/api/auth/sign-in/request", {
        json: { email: member.email },
        origin: httpsOrigin,
      });
      expect(asked.status).toBe(202);
      const code = codeIn((await flow.inbox.mailTo(member.email)).at(-1));

      // Act
      const response = await browser.post("/api/auth/sign-in/code", {
        json: { email: member.email, code },
        origin: httpsOrigin,
      });

      // Assess
      expect(response.status).toBe(200);
      const setCookie = response.headers.get("set-cookie") ?? "";
      expect(setCookie).toMatch(/^__Host-sprida_session=[A-Za-z0-9_-]{43};/);
      const attributes = setCookie.split(";").map((part) => part.trim().toLowerCase());
      expect(attributes).toContain("secure");
      expect(attributes).toContain("httponly");
      expect(attributes).toContain("path=/");
      expect(attributes.some((part) => part.startsWith("domain="))).toBe(false);
      expect((await browser.get("/api/session")).status).toBe(200);
      // A plain-named cookie (one a sibling subdomain could plant) is not read on https.
      const token = /=([^;]+)/.exec(setCookie)?.[1] ?? "";
      const planted = await flow.app.request(`${httpsOrigin}/api/session`, {
        headers: { cookie: `sprida_session=${token}` },
      });
      expect(planted.status).toBe(401);
    } finally {
      provideTestRuntime({ mail: flow.inbox.client, now: clock.now });
    }
  });

  it("signs out here: this session ends, the person's other session goes on", async () => {
    // Prepare
    const org = await seedOrganisation("SignOut");
    const here = new TestClient(flow.app, org.member.sessionToken);
    const elsewhereToken = await sessionOf({ ...org.member, orgId: org.orgId });

    // Act
    const response = await here.post("/api/auth/sign-out");

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ signedOut: true });
    expect(response.headers.get("set-cookie")).toMatch(/^sprida_session=;.*Max-Age=0/i);
    const oldCookie = await new TestClient(flow.app, org.member.sessionToken).get("/api/session");
    expect(oldCookie.status).toBe(401);
    const elsewhere = await new TestClient(flow.app, elsewhereToken).get("/api/session");
    expect(elsewhere.status).toBe(200);
  });

  it("signs out everywhere: every session of the person, in every organisation, ends; others' do not", async () => {
    // Prepare
    const first = await seedOrganisation("Everywhere");
    const second = await seedOrganisation("Elsewhere");
    const me = first.member;
    const meThere = await joinAs(second.orgId, me.email, "member");
    const tokens = [
      me.sessionToken,
      await sessionOf({ ...me, orgId: first.orgId }),
      await sessionOf(meThere),
    ];

    // Act
    const response = await new TestClient(flow.app, me.sessionToken).post(
      "/api/auth/sign-out-everywhere",
    );

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ revoked: 3 });
    for (const token of tokens) {
      expect((await new TestClient(flow.app, token).get("/api/session")).status).toBe(401);
    }
    const colleague = await new TestClient(flow.app, first.admin.sessionToken).get("/api/session");
    expect(colleague.status).toBe(200);
  });

  it("switches the session only to an organisation where the person is an active member", async () => {
    // Prepare
    const home = await seedOrganisation("Home");
    const away = await seedOrganisation("Away");
    const invitedOnly = await seedOrganisation("Invited");
    const deactivatedIn = await seedOrganisation("Former");
    const me = home.member;
    const meAway = await joinAs(away.orgId, me.email, "curator");
    await Member.invite({ orgId: invitedOnly.orgId, email: me.email, invitedBy: "system" });
    const meFormer = await joinAs(deactivatedIn.orgId, me.email, "member");
    await Member.deactivate(
      { ...deactivatedIn.admin, orgId: deactivatedIn.orgId, status: "active" },
      meFormer.memberId,
    );
    const browser = new TestClient(flow.app, me.sessionToken);

    // Act
    const before = await browser.get("/api/session");
    const toAway = await browser.post("/api/session/organisation", { json: { orgId: away.orgId } });
    const meThere = await browser.get("/api/me");
    const toInvited = await browser.post("/api/session/organisation", {
      json: { orgId: invitedOnly.orgId },
    });
    const toDeactivated = await browser.post("/api/session/organisation", {
      json: { orgId: deactivatedIn.orgId },
    });
    const toUnknown = await browser.post("/api/session/organisation", {
      json: { orgId: "00000000-0000-4000-8000-000000000000" },
    });
    const after = await browser.get("/api/session");

    // Assess
    expect(before.status).toBe(200);
    const listed = (before.body as { memberships: { orgId: string }[] }).memberships;
    expect(listed.map((m) => m.orgId).sort()).toEqual([home.orgId, away.orgId].sort());
    expect(toAway.status).toBe(200);
    expect(toAway.body).toMatchObject({
      orgId: away.orgId,
      memberId: meAway.memberId,
      role: "curator",
    });
    expect(meThere.body).toMatchObject({ memberId: meAway.memberId, role: "curator" });
    for (const refused of [toInvited, toDeactivated, toUnknown]) {
      expect(refused.status).toBe(403);
    }
    expect(after.body).toMatchObject({ orgId: away.orgId, memberId: meAway.memberId });
  });

  it("ends the session of a member who is deactivated, for good, even when reactivated", async () => {
    // Prepare
    const org = await seedOrganisation("Deactivated");
    const admin = { ...org.admin, orgId: org.orgId, status: "active" as const };
    const browser = new TestClient(flow.app, org.member.sessionToken);
    expect((await browser.get("/api/me")).status).toBe(200);

    // Act: deactivated in the domain, without anyone revoking the session.
    await Member.deactivate(admin, org.member.memberId);
    const whileDeactivated = await browser.get("/api/me");
    await Member.reactivate(admin, org.member.memberId);
    const afterReactivation = await browser.get("/api/me");

    // Assess
    expect(whileDeactivated.status).toBe(401);
    expect(afterReactivation.status).toBe(401);
  });

  it("ends the session of a member who has left", async () => {
    // Prepare
    const org = await seedOrganisation("Left");
    const browser = new TestClient(flow.app, org.curator.sessionToken);
    expect((await browser.get("/api/session")).status).toBe(200);

    // Act: left in the domain, without anyone revoking the session.
    await Member.leave(org.orgId, org.curator.memberId);
    const response = await browser.get("/api/session");

    // Assess
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: { code: "unauthenticated" } });
  });

  it("shows no stack trace on any page or API answer, even for garbage", async () => {
    // Prepare
    const org = await seedOrganisation("Garbage");
    const browser = new TestClient(flow.app);
    const script = encodeURIComponent('"><script>alert(1)</script>');

    // Act
    const answers = [
      await browser.get(`/sign-in?token=${script}`),
      await browser.get("/sign-in"),
      await browser.post("/sign-in", { form: { token: "garbage" } }),
      await browser.post("/sign-in?token=garbage", { form: {} }),
      await browser.post("/sign-in", { form: {} }),
      await browser.post("/sign-in", { form: { token: "x".repeat(43) }, origin: null }),
      await browser.post("/sign-in/code", { form: { email: org.member.email, code: "abc" } }),
      await browser.post("/sign-in/request", { form: { email: "not an address" } }),
      await browser.get(`/join?token=${script}`),
      await browser.post("/join", { form: { token: "x", accept: "yes" } }),
      await browser.post("/join?token=x&guidelinesVersion=NaN", { form: {} }),
      await browser.post("/api/auth/sign-in/link", { json: { token: "x" } }),
      await browser.post("/api/auth/sign-in/code", { json: { email: "a@b.example", code: "1" } }),
      await browser.post("/api/auth/sign-in/request", { raw: "{ not json" }),
      await browser.get("/api/nothing-here"),
    ];

    // Assess
    for (const answer of answers) {
      expect(answer.status).toBeLessThan(500);
      expect(answer.text).not.toContain("<script>alert(1)</script>");
    }
    expect(flow.seen.length).toBeGreaterThanOrEqual(answers.length);
    // afterEach checks every one of them for a stack trace.
  });
});
