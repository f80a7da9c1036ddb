import { createHash } from "node:crypto";
import { Member } from "@sprida/core/member";
import { createRedirectApp } from "@sprida/functions/http/redirect";
import { describe, expect, it } from "vitest";
import { TEST_ORIGIN, TestClient, type TestResponse } from "../../helpers/http";
import {
  codeIn,
  formOn,
  linkIn,
  organisationWithOneOwner,
  pathOf,
  pressButton,
  uniqueEmail,
  useHttpFlows,
} from "../../helpers/http-flows";

/**
 * The app sets its own security headers, so they hold locally as on AWS: pages get a
 * Content-Security-Policy that allows their own inline style by hash, their own form posts
 * and nothing else, and no page can be framed. No browser is needed to check that a page
 * still works under its policy: the policy is parsed, and the page's style hashed.
 */
describe("security headers", () => {
  const flow = useHttpFlows();

  /** The policy's directives, by name. */
  function policyOf(response: TestResponse): Map<string, string[]> {
    const header = response.headers.get("content-security-policy") ?? "";
    const directives = header
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name);
    return new Map(directives.map(([name = "", ...sources]) => [name.toLowerCase(), sources]));
  }

  const hashOf = (text: string) =>
    `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

  /** What a browser would need for this page to look and work as written. */
  function expectThePageWorksUnderItsPolicy(page: TestResponse, { handsOverToTheHub = true } = {}) {
    const policy = policyOf(page);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(page.headers.get("content-security-policy")).not.toContain("unsafe-inline");

    const styles = [...page.text.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)];
    expect(styles.length).toBeGreaterThan(0);
    for (const [, style = ""] of styles) expect(policy.get("style-src")).toContain(hashOf(style));
    // default-src 'none' would block anything else: inline scripts, style attributes, images,
    // links. The one script is the hand-over to the hub, from our origin, allowed by script-src.
    const scripts = [...page.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.map(([, attributes]) => attributes?.trim())).toEqual(
      handsOverToTheHub ? ['src="/to-hub.js"'] : [],
    );
    expect(scripts.every(([, , body]) => body === "")).toBe(true);
    expect(policy.get("script-src")).toEqual(handsOverToTheHub ? ["'self'"] : undefined);
    expect(page.text).not.toMatch(/<link\b|<img\b|<iframe\b|\sstyle=/i);

    const actions = [...page.text.matchAll(/<form\b[^>]*\baction="([^"]*)"/gi)];
    for (const [, action = ""] of actions) {
      expect(new URL(action.replaceAll("&amp;", "&"), TEST_ORIGIN).origin).toBe(TEST_ORIGIN);
    }
    if (actions.length > 0) expect(policy.get("form-action")).toEqual(["'self'"]);
  }

  function expectNoSniffingOrFraming(response: TestResponse) {
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(policyOf(response).get("frame-ancestors")).toEqual(["'none'"]);
  }

  async function mailedSignInPage(browser: TestClient) {
    const { owner } = await organisationWithOneOwner();
    await new TestClient(flow.app).post("/api/auth/sign-in/request", {
      json: { email: owner.email },
    });
    const mail = (await flow.inbox.mailTo(owner.email)).at(-1);
    const page = await browser.get(pathOf(linkIn(mail, "/sign-in")));
    return { page, code: codeIn(mail), email: owner.email };
  }

  async function joinPage(browser: TestClient) {
    const { org } = await organisationWithOneOwner();
    const { inviteToken } = await Member.invite({
      orgId: org.orgId,
      email: uniqueEmail("joiner"),
      invitedBy: Member.SYSTEM_ACTOR,
    });
    return browser.get(`/join?token=${inviteToken}`);
  }

  it("gives every server-rendered page a policy that allows its own style by hash, its own forms, and no framing", async () => {
    // Prepare
    const browser = new TestClient(flow.app);

    // Act
    const pages = {
      signIn: await browser.get("/sign-in"),
      signInLink: (await mailedSignInPage(browser)).page,
      linkRequested: await browser.post("/sign-in/request", {
        form: { email: "nobody@flows.example" },
      }),
      join: await joinPage(browser),
      error: await browser.get("/join?token=not-a-token"),
    };

    // Assess
    for (const [name, page] of Object.entries(pages)) {
      expect(page.status, name).toBeLessThan(500);
      expectThePageWorksUnderItsPolicy(page);
      expectNoSniffingOrFraming(page);
      expect(page.headers.get("referrer-policy"), name).toBe("same-origin");
    }
    expect(pages.error.status).toBeGreaterThanOrEqual(400);
  });

  it("lets the e-mailed sign-in page's button post and sign in under that policy", async () => {
    // Prepare
    const browser = new TestClient(flow.app);
    const { page } = await mailedSignInPage(browser);
    expect(policyOf(page).get("form-action")).toEqual(["'self'"]);

    // Act
    const signedIn = await pressButton(browser, page);

    // Assess
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("set-cookie")).toMatch(/sprida_session=/);
  });

  it("lets the join page's form post and join under that policy", async () => {
    // Prepare
    const browser = new TestClient(flow.app);
    const page = await joinPage(browser);
    expect(formOn(page).action.startsWith("/join?")).toBe(true);

    // Act
    const joined = await pressButton(browser, page, { tick: true });

    // Assess
    expect(joined.status).toBe(303);
    expect(joined.headers.get("set-cookie")).toMatch(/sprida_session=/);
  });

  it("sends same-origin referrers from pages, because under no-referrer a browser's form post carries Origin: null, which the CSRF check refuses", async () => {
    // Prepare
    const browser = new TestClient(flow.app);
    const { page } = await mailedSignInPage(browser);
    const form = formOn(page);

    // Act: what the button's POST would carry if the page said no-referrer (Fetch standard).
    const underNoReferrer = await browser.post(form.action, { form: form.fields, origin: "null" });

    // Assess
    expect(underNoReferrer.status).toBe(403);
    expect(underNoReferrer.text).toContain("must come from Sprida&#39;s own pages");
    expect(underNoReferrer.headers.get("set-cookie")).toBeNull();
    expect(page.headers.get("referrer-policy")).toBe("same-origin");
  });

  it("answers JSON that no browser may sniff, frame or use to load anything", async () => {
    // Prepare
    const client = new TestClient(flow.app);

    // Act
    const answers = [await client.get("/api/me"), await client.get("/api/no-such-route")];

    // Assess
    for (const answer of answers) {
      expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
      expectNoSniffingOrFraming(answer);
      expect(policyOf(answer).get("default-src")).toEqual(["'none'"]);
      expect(policyOf(answer).get("form-action")).toEqual(["'none'"]);
    }
  });

  it("gives the redirect's 404 page a policy that allows its style only, and sends no referrer", async () => {
    // Prepare
    const redirect = createRedirectApp({ clientAddress: () => "203.0.113.9" });

    // Act
    const response = await redirect.request("http://localhost/r/no-such-link");
    const page: TestResponse = {
      status: response.status,
      headers: response.headers,
      text: await response.text(),
      body: undefined,
    };

    // Assess
    expect(page.status).toBe(404);
    expectThePageWorksUnderItsPolicy(page, { handsOverToTheHub: false });
    expectNoSniffingOrFraming(page);
    expect(policyOf(page).get("form-action")).toEqual(["'none'"]);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
  });
});
