import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Session } from "@sprida/core/auth";
import { Member } from "@sprida/core/member";
import { Org } from "@sprida/core/org";
import type { LocalSystem } from "@sprida/local/runtime";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../helpers/eventually";
import { TestClient } from "../helpers/http";
import { startTestSystem, untilIdle } from "../helpers/local-system";
import { checkState } from "./support/accessibility";
import {
  DESKTOP,
  launchBrowser,
  PHONE,
  READER_USER_AGENT,
  type TestBrowser,
  watchForErrors,
} from "./support/browser";
import { linkIn, newestMailTo } from "./support/mail";
import { servedApp } from "./support/served-app";

const LINKEDIN_BOT =
  "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)";
const LIMIT = 30_000;

/**
 * A new employee, following only the e-mails, through the member hub in real Chromium: join
 * and onboard, sign in by the e-mailed link, share with the clipboard and the intent URL,
 * confirm, see exactly one unique human click (a browser's, not a bot's) and its points, and
 * leave. Every page and dialog passes axe-core at WCAG 2.2 AA, at phone and desktop widths.
 */
describe("the member hub in Chromium", () => {
  let system: LocalSystem;
  let origin: string;
  let browser: TestBrowser;
  let owner: TestClient;
  let ownerSession: string;
  const employee = `new.employee.${Date.now()}@hub.example`;
  /** Where the shared item points: a page of this test's, nothing leaves the machine. */
  let articles: Server;
  let article: string;

  beforeAll(async () => {
    articles = createServer((_, response) => {
      response.writeHead(200, { "content-type": "text/html" }).end("<title>Launch</title>");
    });
    await new Promise<void>((resolve) => articles.listen(0, "127.0.0.1", resolve));
    article = `http://127.0.0.1:${(articles.address() as AddressInfo).port}/launch`;
    ({ system } = await startTestSystem());
    origin = system.urls.app;
    browser = await launchBrowser();

    const org = await Org.create({
      name: "Hubbolaget",
      locale: "sv",
      timeZone: "Europe/Stockholm",
      guidelines: "Var ärlig, var vänlig, och berätta att du jobbar här.",
    });
    const { inviteToken } = await Member.invite({
      orgId: org.orgId,
      email: `owner.${Date.now()}@hub.example`,
      role: "owner",
      displayName: "Olga Ägare",
      invitedBy: Member.SYSTEM_ACTOR,
    });
    const membership = await Member.acceptInvite({ token: inviteToken, guidelinesVersion: 1 });
    ownerSession = (await Session.create(membership)).sessionToken;
    owner = new TestClient(servedApp(origin), ownerSession);

    const created = await owner.post("/api/content", {
      json: {
        title: "Vi lanserar Demo Planner 3.0",
        summary: "Planering för hela teamet, nu offline.",
        url: article,
        language: "sv",
        topics: ["produkt"],
        featured: true,
        suggestedTexts: [
          { channel: "any", language: "sv", text: "Stolt över teamet bakom Demo Planner 3.0!" },
          { channel: "any", language: "sv", text: "Nu kan du planera offline. Kolla in det här." },
        ],
      },
    });
    expect(created.status, created.text).toBe(201);
    const { contentId } = created.body as { contentId: string };
    expect((await owner.post(`/api/content/${contentId}/publish`)).status).toBe(200);

    const invited = await owner.post("/api/admin/invites", { json: { email: employee } });
    expect(invited.status, invited.text).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    articles?.close();
  });

  async function phonePage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    return { page, errors: watchForErrors(page) };
  }

  it("takes a new employee from the invitation to one counted click, then lets them leave", async () => {
    const context = await browser.context({ viewport: PHONE });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
    const { page, errors } = await phonePage(context);

    // The invitation, from the local inbox: its page hands over to the hub's join page.
    const invitation = await eventually(() => newestMailTo(system.urls.inbox, employee), LIMIT);
    await page.goto(linkIn(invitation, origin, "/join"));
    await page.waitForURL(/\/auth\/join\?token=/);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toContain("Hubbolaget");
    await checkState(page, "join");
    await page.getByLabel("Jag har läst och godkänner riktlinjerna").check();
    await page.getByLabel("Jag vill vara med").check();
    await page.getByRole("button", { name: "Gå med" }).click();

    // Onboarding: channels with a network size, a topic, privacy; then the feed.
    await page.waitForURL(/\/welcome$/);
    await page.getByRole("checkbox", { name: "LinkedIn" }).check();
    await page.getByLabel("Följare på LinkedIn").fill("850");
    await checkState(page, "welcome-channels");
    await page.getByRole("button", { name: "Fortsätt" }).click();
    await page.locator("label", { hasText: "produkt" }).click();
    await checkState(page, "welcome-topics");
    await page.getByRole("button", { name: "Fortsätt" }).click();
    await page.getByLabel("Visa mitt namn på topplistan och för administratörer").check();
    await checkState(page, "welcome-privacy");
    await page.getByRole("button", { name: "Fortsätt" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    const profile = await (await page.request.get(`${origin}/api/me`)).json();
    expect(profile).toMatchObject({
      channels: [{ channel: "linkedin", networkSize: 850 }],
      followedTopics: ["produkt"],
      privacy: { namedToAdmins: true, weeklyDigest: true },
      guidelinesAccepted: { version: 1 },
    });

    // Signed out, then back in through the e-mailed sign-in link.
    await page.goto(`${origin}/me`);
    await checkState(page, "me");
    await page.getByRole("button", { name: "Logga ut här" }).click();
    await page.waitForURL(/\/auth\/signed-out/);
    await checkState(page, "signed-out");
    await page.goto(`${origin}/auth`);
    await page.getByLabel("Din jobbmejl").fill(employee);
    await page.getByRole("button", { name: "Mejla mig en inloggningslänk" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("inkorgen");
    await checkState(page, "sign-in-requested");
    const signInMail = await eventually(async () => {
      const mail = await newestMailTo(system.urls.inbox, employee);
      return linkIn(mail, origin, "/sign-in") ? mail : undefined;
    }, LIMIT);
    await page.goto(linkIn(signInMail, origin, "/sign-in"));
    await page.waitForURL(/\/auth\/link\?token=/);
    await checkState(page, "sign-in-link");
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.waitForURL((url) => url.pathname === "/");

    // The feed, then the share sheet: a suggestion, the clipboard and LinkedIn's intent URL.
    const card = page.getByRole("article").filter({ hasText: "Vi lanserar Demo Planner 3.0" });
    await expect.poll(() => card.count(), { timeout: LIMIT }).toBe(1);
    await checkState(page, "feed");
    await card.getByRole("button", { name: "Dela" }).click();
    const sheet = page.getByRole("dialog", { name: "Dela" });
    await expect.poll(() => sheet.isVisible()).toBe(true);
    const text = sheet.getByLabel("Din text");
    const first = await text.inputValue();
    await sheet.getByRole("button", { name: "Ett annat förslag" }).click();
    expect(await text.inputValue()).not.toBe(first);
    await text.fill("Stolt över teamet – det här är vår nya planerare! #medarbetare");
    await checkState(page, "share-sheet");
    await context.route("https://www.linkedin.com/**", (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<title>LinkedIn</title>" }),
    );
    const [intent] = await Promise.all([
      context.waitForEvent("page"),
      sheet.getByRole("button", { name: "LinkedIn" }).click(),
    ]);
    const intentUrl = new URL(intent.url());
    expect(intentUrl.origin + intentUrl.pathname).toBe(
      "https://www.linkedin.com/sharing/share-offsite/",
    );
    const tracked = intentUrl.searchParams.get("url") ?? "";
    expect(tracked).toMatch(new RegExp(`^${origin}/r/[A-Za-z0-9]+$`));
    await intent.close();
    // LinkedIn takes the link in its URL but no text: the member's text was copied first.
    const clipboard = (await page.evaluate("navigator.clipboard.readText()")) as string;
    expect(clipboard).toBe("Stolt över teamet – det här är vår nya planerare! #medarbetare");
    await expect.poll(() => sheet.getByText("Kopierat").isVisible()).toBe(true);
    await checkState(page, "share-did-you-post");
    await sheet.getByRole("button", { name: "Ja, jag har publicerat" }).click();
    await expect.poll(() => sheet.getByText("Tack för att du delar!").isVisible()).toBe(true);
    await checkState(page, "share-confirmed");
    await sheet.getByRole("button", { name: "Klar" }).click();

    // Someone reads it in their browser; LinkedIn's preview bot fetches it too.
    const reader = await browser.context({ viewport: DESKTOP, userAgent: READER_USER_AGENT });
    const readerPage = await reader.newPage();
    await readerPage.goto(tracked);
    await readerPage.waitForURL((url) => url.href.startsWith(article));
    await reader.close();
    const bot = await fetch(tracked, {
      headers: { "user-agent": LINKEDIN_BOT },
      redirect: "manual",
    });
    expect(bot.status).toBeLessThan(400);
    await untilIdle(system);

    // My impact: exactly one unique human click on the link, and its points (5 + 1).
    await page.goto(`${origin}/impact`);
    const code = tracked.split("/r/")[1] ?? "";
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByTestId(`unique-${code}`).textContent({ timeout: LIMIT });
        },
        { timeout: LIMIT },
      )
      .toBe("1");
    const standing = await (await page.request.get(`${origin}/api/me/points`)).json();
    expect(standing.points.week).toBe(6);
    expect(standing.totals).toMatchObject({ uniqueClicks: 1, sharesConfirmed: 1 });
    const links = await (await page.request.get(`${origin}/api/me/links`)).json();
    expect(links.links[0].counts).toMatchObject({ uniqueClicks: 1, humanClicks: 1, botClicks: 1 });
    await checkState(page, "impact");
    await page.goto(`${origin}/leaderboard`);
    await expect.poll(() => page.getByText("Plats 1").isVisible()).toBe(true);
    await checkState(page, "leaderboard");

    // Leaving: a confirm step that says what is deleted, then signed out.
    await page.goto(`${origin}/me/data`);
    await checkState(page, "my-data");
    await page.getByRole("button", { name: "Lämna programmet" }).click();
    await expect.poll(() => page.getByText("Ditt namn, din e-postadress").isVisible()).toBe(true);
    await checkState(page, "leave-confirm");
    await page.getByLabel("Jag förstår, radera mina uppgifter").check();
    await page.getByRole("button", { name: "Lämna och radera" }).click();
    await page.waitForURL(/\/auth\/signed-out\?left=true/);
    await checkState(page, "left");
    expect((await page.request.get(`${origin}/api/session`)).status()).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it("shows every page and dialog at desktop width, in English too, and its empty, error and offline states", async () => {
    const context = await browser.context({ viewport: DESKTOP, locale: "en-GB" });
    await context.addCookies([{ name: "sprida_session", value: ownerSession, url: origin }]);
    const { page, errors } = await phonePage(context);

    // A first visit of the owner: onboarding, skipped through.
    await page.goto(origin);
    await page.waitForURL(/\/welcome$/);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toContain("Välkommen");
    await checkState(page, "welcome-sv");
    for (const _ of [1, 2, 3]) await page.getByRole("button", { name: "Hoppa över" }).click();
    await page.waitForURL((url) => url.pathname === "/");

    // The profile's language (Swedish) until one is chosen here: English, remembered.
    await page.goto(`${origin}/me`);
    await page.locator("label", { hasText: "English" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Me");
    await page.reload();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Me");
    await checkState(page, "me-en");

    await page.goto(origin);
    const card = page.getByRole("article").first();
    await expect.poll(() => card.isVisible(), { timeout: LIMIT }).toBe(true);
    await checkState(page, "feed-en");
    await card.getByRole("button", { name: /Share/ }).first().click();
    await expect.poll(() => page.getByRole("dialog", { name: "Share" }).isVisible()).toBe(true);
    await checkState(page, "share-dialog-en");
    await page.keyboard.press("Escape");

    await page.goto(`${origin}/?topic=nothing-here`);
    await expect
      .poll(() => page.getByText("Nothing on this topic right now").isVisible())
      .toBe(true);
    await checkState(page, "feed-empty-topic-en");
    for (const [path, name] of [
      ["/impact", "impact-en"],
      ["/leaderboard", "leaderboard-en"],
      ["/me/data", "my-data-en"],
      ["/suggest", "suggest-en"],
    ] as const) {
      await page.goto(`${origin}${path}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await checkState(page, name);
    }

    // Offline: a clear message, what is on screen stays.
    await context.setOffline(true);
    await expect.poll(() => page.getByText("You are offline.").isVisible()).toBe(true);
    await checkState(page, "offline-en");
    await context.setOffline(false);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("explains signed-out, expired, invalid and unknown addresses at both widths", async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const context = await browser.context({ viewport });
      const { page, errors } = await phonePage(context);
      await page.goto(`${origin}/feed-that-is-not`);
      await expect.poll(() => page.getByText("Här finns inget").isVisible()).toBe(true);
      await checkState(page, "not-found");
      // Signed out, the hub's places lead to sign-in (and back after it).
      await page.goto(`${origin}/impact`);
      await page.waitForURL(/\/auth\?next=/);
      await checkState(page, "sign-in");
      // The server's sign-in page hands a browser with JavaScript over to the hub's.
      await page.goto(`${origin}/sign-in`);
      await page.waitForURL((url) => url.pathname === "/auth");
      await page.goto(`${origin}/auth/link?token=not-a-real-token`);
      await page.getByRole("button", { name: "Logga in" }).click();
      await expect.poll(() => page.getByText("Länken har gått ut").isVisible()).toBe(true);
      await checkState(page, "link-expired");
      await page.goto(`${origin}/auth/join?token=not-a-real-token`);
      await expect.poll(() => page.getByText("Inbjudan fungerar inte").isVisible()).toBe(true);
      await checkState(page, "join-invalid");
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 120_000);
});
