import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Session } from "@sprida/core/auth";
import { Member } from "@sprida/core/member";
import { Org } from "@sprida/core/org";
import { Runtime } from "@sprida/core/runtime";
import type { LocalSystem } from "@sprida/local/runtime";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../helpers/http";
import { startTestSystem, untilIdle } from "../helpers/local-system";
import { checkState } from "./support/accessibility";
import {
  DESKTOP,
  launchBrowser,
  PHONE,
  READER_USER_AGENT,
  type TestBrowser,
  type Viewport,
  watchForErrors,
} from "./support/browser";
import { servedApp } from "./support/served-app";

const LINKEDIN_BOT =
  "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)";
const LIMIT = 30_000;
/** The organisation's cost per LinkedIn click: 7.00 SEK (minor units). */
const LINKEDIN_CPC = 700;

/**
 * The admin site's promise, end to end in Chromium: an admin adds a page by its URL and
 * publishes it, a member shares it from the hub, a browser and a bot follow the link, and the
 * dashboard then shows exactly one unique human click and its EMV at the organisation's CPC,
 * the same as the CSV of the same range. A curator never reaches the settings.
 */
describe("the admin site in Chromium", () => {
  let system: LocalSystem;
  let origin: string;
  let browser: TestBrowser;
  let pages: Server;
  let article: string;
  const sessions = { owner: "", curator: "", member: "" };

  beforeAll(async () => {
    pages = createServer((_, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(
        `<!doctype html><html lang="sv"><head><title>Årsrapporten 2026</title>
        <meta property="og:title" content="Årsrapporten 2026 är här">
        <meta property="og:description" content="Ett år av tillväxt, i siffror och bilder.">
        </head><body><h1>Årsrapporten</h1></body></html>`,
      );
    });
    await new Promise<void>((resolve) => pages.listen(0, "127.0.0.1", resolve));
    const { port } = pages.address() as AddressInfo;
    article = `http://127.0.0.1:${port}/arsrapport`;
    ({ system } = await startTestSystem());
    // The fetcher refuses local addresses; this test's page server is allowlisted by host:port.
    Runtime.provide({ ...Runtime.use(), fetchAllowlist: [`127.0.0.1:${port}`] });
    origin = system.urls.app;
    browser = await launchBrowser();

    const org = await Org.create({
      name: "Adminbolaget",
      locale: "sv",
      timeZone: "Europe/Stockholm",
      guidelines: "Var ärlig och berätta att du jobbar här.",
    });
    const join = async (email: string, role: "owner" | "curator" | "member") => {
      const { inviteToken } = await Member.invite({
        orgId: org.orgId,
        email,
        role,
        displayName: `Test ${role}`,
        ...(role === "curator" && { curatorTopics: ["nyheter"] }),
        invitedBy: Member.SYSTEM_ACTOR,
      });
      const membership = await Member.acceptInvite({ token: inviteToken, guidelinesVersion: 1 });
      return { membership, session: (await Session.create(membership)).sessionToken };
    };
    const stamp = Date.now();
    const owner = await join(`owner.${stamp}@admin.example`, "owner");
    const curator = await join(`curator.${stamp}@admin.example`, "curator");
    const member = await join(`member.${stamp}@admin.example`, "member");
    await Member.updateProfile(org.orgId, member.membership.memberId, {
      channels: [{ channel: "linkedin", networkSize: 400 }],
      privacy: { namedToAdmins: true, weeklyDigest: true },
    });
    sessions.owner = owner.session;
    sessions.curator = curator.session;
    sessions.member = member.session;
    const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(
      new Date(),
    );
    const settings = await new TestClient(servedApp(origin), owner.session).put(
      "/api/admin/value-settings",
      { json: { effectiveFrom: today, currency: "SEK", cpc: { linkedin: LINKEDIN_CPC } } },
    );
    expect(settings.status, settings.text).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    pages?.close();
  });

  async function signedIn(
    role: keyof typeof sessions,
    viewport: Viewport = DESKTOP,
    locale = "en-GB",
  ) {
    const context = await browser.context({ viewport, locale });
    await context.addCookies([{ name: "sprida_session", value: sessions[role], url: origin }]);
    const page = await context.newPage();
    return { context, page, errors: watchForErrors(page) };
  }

  it("counts one shared click from a page added by URL, the same on screen and in the CSV", async () => {
    // The admin adds the page by its URL, sees the fetched card, and publishes it.
    const admin = await signedIn("owner");
    const contentId = await addByUrlAndPublish(admin.page, origin, article);
    const item = await (await admin.page.request.get(`${origin}/api/content/${contentId}`)).json();
    expect(item).toMatchObject({
      status: "published",
      title: "Årsrapporten 2026 är här",
      suggestedTexts: [{ channel: "any", text: "Läs vår årsrapport – ett år av tillväxt!" }],
    });

    // A member's suggestion waits in the queue; the admin approves it. The feeds place.
    const suggester = new TestClient(servedApp(origin), sessions.member);
    const suggested = await suggester.post("/api/content/suggestions", {
      json: { url: "https://adminbolaget.example/blogg/fika", title: "Fredagsfika på kontoret" },
    });
    expect(suggested.status, suggested.text).toBe(201);
    await admin.page.goto(`${origin}/admin/suggestions`);
    const waiting = admin.page.getByRole("article", { name: "Fredagsfika på kontoret" });
    await waiting.waitFor();
    await checkState(admin.page, "admin-suggestions");
    await waiting.getByRole("button", { name: "Approve and publish" }).click();
    await expect
      .poll(async () => {
        const { contentId: id } = suggested.body as { contentId: string };
        return (await admin.page.request.get(`${origin}/api/content/${id}`)).json();
      })
      .toMatchObject({ status: "published", awaitingApproval: false });
    await admin.page.goto(`${origin}/admin/feeds`);
    await admin.page.getByRole("button", { name: "Add a feed" }).first().click();
    await admin.page
      .getByRole("dialog", { name: "Add a feed" })
      .getByLabel(/Feed address/)
      .waitFor();
    await checkState(admin.page, "admin-feeds-add");
    await admin.page.keyboard.press("Escape");

    // A member shares it to LinkedIn from the hub and confirms.
    const member = await signedIn("member", PHONE, "sv-SE");
    await member.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
    await member.page.goto(origin);
    const card = member.page.getByRole("article").filter({ hasText: "Årsrapporten 2026 är här" });
    await expect.poll(() => card.count(), { timeout: LIMIT }).toBe(1);
    await card.getByRole("button", { name: "Dela" }).click();
    const sheet = member.page.getByRole("dialog", { name: "Dela" });
    await member.context.route("https://www.linkedin.com/**", (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<title>LinkedIn</title>" }),
    );
    const [intent] = await Promise.all([
      member.context.waitForEvent("page"),
      sheet.getByRole("button", { name: "LinkedIn" }).click(),
    ]);
    const tracked = new URL(intent.url()).searchParams.get("url") ?? "";
    expect(tracked).toMatch(new RegExp(`^${origin}/r/[A-Za-z0-9]+$`));
    await intent.close();
    await sheet.getByRole("button", { name: "Ja, jag har publicerat" }).click();
    await expect.poll(() => sheet.getByText("Tack för att du delar!").isVisible()).toBe(true);
    expect(member.errors).toEqual([]);
    await member.context.close();

    // A reader's browser and LinkedIn's preview bot follow the link.
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

    // The dashboard: exactly one unique human click, its EMV at 7.00 SEK a click.
    const page = admin.page;
    await page.goto(`${origin}/admin`);
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByTestId("tile-unique-value").textContent({ timeout: LIMIT });
        },
        { timeout: LIMIT },
      )
      .toBe("1");
    const overview = await (await page.request.get(`${origin}/api/admin/reports/overview`)).json();
    expect(overview.counts).toMatchObject({ uniqueClicks: 1, humanClicks: 1, botClicks: 1 });
    expect(overview.value).toMatchObject({ currency: "SEK", emv: LINKEDIN_CPC });
    const emvOnScreen = await page.getByTestId("tile-emv-value").textContent();
    expect(emvOnScreen).toBe(
      new Intl.NumberFormat("en-GB", { style: "currency", currency: "SEK" }).format(7),
    );
    await page.getByTestId("row-linkedin").waitFor();
    expect(await page.getByTestId("row-linkedin-unique").textContent()).toBe("1");
    expect(await page.getByTestId("row-linkedin-emv").textContent()).toBe(emvOnScreen);

    // The CSV of the same range says the same.
    const csvHref = (await page.getByTestId("breakdown-csv").getAttribute("href")) ?? "";
    expect(csvHref).toContain(`from=${overview.from}`);
    const csv = (await (await page.request.get(`${origin}${csvHref}`)).text())
      .trim()
      .split(/\r?\n/);
    const header = csv[0]?.split(",") ?? [];
    const linkedin = csv.find((line) => line.startsWith("linkedin,"))?.split(",") ?? [];
    expect(Number(linkedin[header.indexOf("uniqueClicks")])).toBe(1);
    expect(Number(linkedin[header.indexOf("emv_minor_units")])).toBe(LINKEDIN_CPC);
    await checkState(page, "admin-dashboard");

    // Every figure explains itself: the EMV's formula with the CPC in force.
    await page.getByRole("button", { name: "How Earned media value is calculated" }).click();
    const info = page.getByRole("dialog");
    await expect
      .poll(() =>
        info
          .getByText(/LinkedIn|linkedin/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await checkState(page, "admin-dashboard-formula");
    await page.keyboard.press("Escape");

    // Chosen days, and the chart's table.
    await page.locator("label", { hasText: "Custom" }).click();
    await page.getByLabel("From", { exact: true }).fill(overview.from);
    await page.getByLabel("To", { exact: true }).fill(overview.to);
    await page.getByText("Show as a table").click();
    await checkState(page, "admin-dashboard-custom");
    expect(admin.errors).toEqual([]);
    await admin.context.close();
  }, 240_000);

  it("invites one and many, changes a role, deactivates and reactivates, and publishes guidelines", async () => {
    const { context, page, errors } = await signedIn("owner");
    const owner = new TestClient(servedApp(origin), sessions.owner);
    await page.goto(`${origin}/admin/members`);
    await page.getByRole("heading", { name: "Members", level: 1 }).waitFor();
    await page.getByTestId("member-totals").waitFor();
    await checkState(page, "admin-members");

    // One invitation, checked by the API's own schema first.
    await page.getByRole("button", { name: "Invite", exact: true }).click();
    const invite = page.getByRole("dialog", { name: "Invite a colleague" });
    await invite.getByLabel("E-mail address").fill("not an address");
    await invite.getByRole("button", { name: "Send invitation" }).click();
    await expect.poll(() => invite.getByText(/email/i).first().isVisible()).toBe(true);
    await checkState(page, "admin-members-invite");
    await invite.getByLabel("E-mail address").fill("nils.ny@admin.example");
    await invite.getByLabel("Name (optional)").fill("Nils Ny");
    await invite.getByRole("button", { name: "Send invitation" }).click();
    await page.getByTestId("member-nils.ny@admin.example").waitFor();

    // Many from CSV: per-row results and the failed rows to download.
    await page.getByRole("button", { name: "Invite from CSV" }).click();
    const csv = page.getByRole("dialog", { name: "Invite many from a CSV file" });
    await csv
      .getByLabel("Or paste the rows")
      .fill("email,displayName,office\nbo@admin.example,Bo,Stockholm\nnot-an-address,X,Malmö\n");
    await csv.getByRole("button", { name: "Send invitations" }).click();
    await csv.getByTestId("csv-results").waitFor();
    expect(await csv.getByRole("status").textContent()).toBe(
      "1 invited, 0 already members, 1 with errors",
    );
    const report = decodeURIComponent(
      ((await csv.getByTestId("csv-error-report").getAttribute("href")) ?? "")
        .split(",")
        .slice(1)
        .join(","),
    );
    expect(report.split("\r\n")[1]).toMatch(/^3,not-an-address,/);
    await checkState(page, "admin-members-csv");
    await page.keyboard.press("Escape");

    // A member becomes a curator of one topic; then deactivated and reactivated.
    const listed = await owner.get("/api/admin/members?q=bo%40admin.example");
    const bo = (listed.body as { members: { memberId: string }[] }).members[0];
    expect(bo).toBeDefined();
    await page.getByRole("button", { name: /Manage Nils Ny/ }).click();
    const drawer = page.getByRole("dialog", { name: "Manage Nils Ny" });
    await drawer.getByLabel("Role").click();
    await page.getByRole("option", { name: "Curator" }).click();
    await drawer.getByLabel("Curator's topics").fill("nyheter");
    await drawer.getByLabel("Curator's topics").press("Enter");
    await checkState(page, "admin-members-drawer");
    await drawer.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(async () => {
        const found = await owner.get("/api/admin/members?q=nils.ny");
        return (found.body as { members: { role: string; curatorTopics?: string[] }[] }).members[0];
      })
      .toMatchObject({ role: "curator", curatorTopics: ["nyheter"] });

    const member = (await owner.get("/api/admin/members?role=member&status=active")).body as {
      members: { memberId: string; displayName?: string }[];
    };
    const target = member.members.find((one) => one.displayName === "Test member");
    expect(target).toBeDefined();
    await page.getByRole("button", { name: "Manage Test member" }).click();
    await page
      .getByRole("dialog", { name: "Manage Test member" })
      .getByRole("button", { name: "Deactivate" })
      .click();
    const confirm = page.getByRole("dialog", { name: "Deactivate Test member?" });
    await checkState(page, "admin-members-deactivate");
    await confirm.getByRole("button", { name: "Deactivate" }).click();
    await expect
      .poll(async () => (await owner.get(`/api/admin/members/${target?.memberId}`)).body)
      .toMatchObject({ status: "deactivated" });
    await page.getByRole("button", { name: "Manage Test member" }).click();
    await page
      .getByRole("dialog", { name: "Manage Test member" })
      .getByRole("button", { name: "Reactivate" })
      .click();
    await expect
      .poll(async () => (await owner.get(`/api/admin/members/${target?.memberId}`)).body)
      .toMatchObject({ status: "active" });

    // A new version of the guidelines, behind a confirmation.
    await page.goto(`${origin}/admin/guidelines`);
    await page
      .getByLabel("New version")
      .fill("Var ärlig, var vänlig, berätta att du jobbar här och tänk efter.");
    await page.getByRole("button", { name: "Publish a new version" }).click();
    await checkState(page, "admin-guidelines-confirm");
    await page
      .getByRole("dialog", { name: "Publish version 2?" })
      .getByRole("button", { name: "Publish a new version" })
      .click();
    await expect
      .poll(async () => (await owner.get("/api/organisation")).body)
      .toMatchObject({ guidelines: { version: 2 } });
    await checkState(page, "admin-guidelines");
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("changes the organisation, points, value settings, keys and webhooks from the settings", async () => {
    const { context, page, errors } = await signedIn("owner");
    const owner = new TestClient(servedApp(origin), sessions.owner);
    await page.goto(`${origin}/admin/settings`);
    await page.getByRole("textbox", { name: /^Name/ }).waitFor();
    await checkState(page, "admin-settings-organisation");

    // A bad own domain is refused beside the field, by the API's own schema; then saved.
    const domains = page.getByLabel("Your own domains").and(page.locator("input"));
    await domains.fill("https://adminbolaget.se/path");
    await domains.press("Enter");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByText(/host name like example.com/).isVisible()).toBe(true);
    await checkState(page, "admin-settings-organisation-error");
    await domains.press("Backspace");
    await domains.fill("adminbolaget.se");
    await domains.press("Enter");
    await page.getByRole("textbox", { name: /^Name/ }).fill("Adminbolaget AB");
    await page.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(async () => (await owner.get("/api/admin/organisation")).body)
      .toMatchObject({ name: "Adminbolaget AB", ownDomains: ["adminbolaget.se"] });

    // Points.
    await page.getByRole("tab", { name: "Points" }).click();
    await page.getByLabel("Points per confirmed share").fill("7");
    await checkState(page, "admin-settings-points");
    await page.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(async () => (await owner.get("/api/admin/organisation")).body)
      .toMatchObject({ settings: { points: { perConfirmedShare: 7 } } });

    // Value and cost: a new version from today with a new LinkedIn CPC.
    await page.getByRole("tab", { name: "Value and cost" }).click();
    await page.getByLabel("Cost per click, linkedin").fill("8");
    await checkState(page, "admin-settings-value");
    await page.getByRole("button", { name: "Save a new version" }).click();
    await expect
      .poll(async () => (await owner.get("/api/admin/value-settings")).body)
      .toMatchObject({ current: { cpc: { linkedin: 800 } } });

    // Conversions (owners): a signing key's secret is shown once; revoked behind a confirm.
    await page.getByRole("tab", { name: "Conversions" }).click();
    await page.getByLabel("Key name").fill("Webbshoppen");
    await page.getByRole("button", { name: "Create a key" }).click();
    await expect.poll(() => page.getByTestId("secret").textContent()).toMatch(/\S{20,}/);
    expect(await page.getByTestId("pixel-snippet").textContent()).toContain(
      `${origin}/api/conversions/pixel.gif?sid=`,
    );
    await checkState(page, "admin-settings-conversions");
    await page.getByTestId("key-Webbshoppen").getByRole("button", { name: "Revoke" }).click();
    await page
      .getByRole("dialog", { name: "Revoke the key “Webbshoppen”?" })
      .getByRole("button", { name: "Revoke" })
      .click();
    await expect
      .poll(
        async () => ((await owner.get("/api/admin/signing-keys")).body as { keys: unknown[] }).keys,
      )
      .toEqual([]);

    // Webhooks: added (its secret shown once), tested into the log, rotated, deleted.
    await page.getByRole("tab", { name: "Webhooks" }).click();
    // The receiver: this test's page server (allowlisted, so plain http is accepted here).
    const hook = article.replace("/arsrapport", "/hook");
    await page.getByLabel("Endpoint (https)").fill(hook);
    await page.getByRole("button", { name: "Add a webhook" }).click();
    const card = page.getByTestId(`webhook-${hook}`);
    await card.waitFor();
    await expect.poll(() => page.getByTestId("secret").textContent()).toMatch(/^whsec_/);
    await card.getByRole("button", { name: "Send a test" }).click();
    await expect.poll(() => card.getByTestId("delivery").count(), { timeout: LIMIT }).toBe(1);
    expect(await card.getByTestId("delivery").textContent()).toContain("delivered (HTTP 200)");
    await checkState(page, "admin-settings-webhooks");
    await card.getByRole("button", { name: "Rotate secret" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Rotate secret" }).click();
    await card.getByRole("button", { name: "Delete" }).click();
    await checkState(page, "admin-settings-webhook-delete");
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect
      .poll(
        async () => ((await owner.get("/api/webhooks")).body as { webhooks: unknown[] }).webhooks,
      )
      .toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("runs campaigns, reports with their CSV, and the audit log", async () => {
    const { context, page, errors } = await signedIn("owner", DESKTOP, "sv-SE");
    const owner = new TestClient(servedApp(origin), sessions.owner);
    await page.goto(`${origin}/admin/campaigns`);
    await page.getByRole("heading", { name: "Kampanjer", level: 1 }).waitFor();
    await checkState(page, "admin-campaigns-empty-sv");
    await page.getByRole("button", { name: "Ny kampanj" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Ny kampanj" });
    await dialog.getByLabel("Namn").fill("Årsrapportveckan");
    const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(
      new Date(),
    );
    await dialog.getByLabel("Första dag").fill(today);
    await dialog.getByLabel("Sista dag").fill("2020-01-01");
    await dialog.getByRole("button", { name: "Skapa kampanj" }).click();
    await expect
      .poll(() => dialog.getByText("The end day cannot be before the start day").isVisible())
      .toBe(true);
    await checkState(page, "admin-campaigns-form-sv");
    await dialog.getByLabel("Sista dag").fill(today);
    await dialog.getByRole("button", { name: "Skapa kampanj" }).click();
    const card = page.getByTestId("campaign-Årsrapportveckan");
    await card.waitFor();
    await card.getByRole("button", { name: "Framsteg över tid" }).click();
    // Nothing shared in it yet: the campaign says so, and what to do, instead of empty bars.
    await card.getByText("Inga bekräftade delningar i kampanjen än.", { exact: false }).waitFor();
    expect(await card.getByTestId("campaign-progress").textContent()).toMatch(/^0 av 50 \(0\s%\)$/);
    await checkState(page, "admin-campaigns-sv");
    const campaigns = (await owner.get("/api/admin/campaigns")).body as {
      campaigns: { name: string; goal: { kind: string; target: number } }[];
    };
    expect(campaigns.campaigns).toMatchObject([
      { name: "Årsrapportveckan", goal: { kind: "confirmed_shares", target: 50 } },
    ]);

    // Reports: a breakdown on screen equals its CSV for the same days.
    await page.goto(`${origin}/admin/reports`);
    await page.locator("label", { hasText: "Kanal" }).click();
    const row = page.getByTestId("report-row-linkedin");
    await row.waitFor();
    const csvHref = (await page.getByTestId("report-csv").getAttribute("href")) ?? "";
    const csv = (await (await page.request.get(`${origin}${csvHref}`)).text())
      .trim()
      .split(/\r?\n/);
    const header = csv[0]?.split(",") ?? [];
    const line = csv.find((entry) => entry.startsWith("linkedin,"))?.split(",") ?? [];
    expect(await row.getByTestId("unique").textContent()).toBe(
      line[header.indexOf("uniqueClicks")],
    );
    const raw = await page.request.get(
      `${origin}${await page.getByTestId("raw-export").getAttribute("href")}`,
    );
    expect(raw.status()).toBe(200);
    expect(await raw.text()).not.toContain("@admin.example");
    await checkState(page, "admin-reports-sv");

    // The audit log: the campaign's creation is there, and filters narrow it.
    await page.goto(`${origin}/admin/audit`);
    await page.getByTestId("audit-campaign.created").first().waitFor();
    await page.getByLabel("Åtgärd").first().click();
    await page.getByRole("option", { name: "campaign.created" }).click();
    await expect.poll(() => page.locator("[data-testid^='audit-']").count()).toBe(1);
    await checkState(page, "admin-audit-sv");
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("shows a curator only the places a curator may use", async () => {
    const { context, page, errors } = await signedIn("curator", DESKTOP, "sv-SE");
    await page.goto(`${origin}/admin`);
    await page.waitForURL((url) => url.pathname === "/admin/content");
    const navigation = page.getByRole("navigation", { name: "Admin" });
    await expect
      .poll(() => navigation.getByRole("link", { name: "Innehåll" }).isVisible())
      .toBe(true);
    for (const hidden of ["Översikt", "Medlemmar", "Inställningar", "Granskningslogg"]) {
      expect(await navigation.getByRole("link", { name: hidden }).count()).toBe(0);
    }
    await page.goto(`${origin}/admin/settings`);
    await expect
      .poll(() => page.getByRole("heading", { name: "Inte för din roll" }).isVisible())
      .toBe(true);
    await checkState(page, "admin-curator-not-for-role");
    const curator = new TestClient(servedApp(origin), sessions.curator);
    const refused = await curator.patch("/api/admin/organisation", { json: { name: "Kuppen AB" } });
    expect(refused.status, refused.text).toBe(403);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});

/** The content library's add-by-URL flow, checked at each state; returns the new item's id. */
async function addByUrlAndPublish(page: Page, origin: string, url: string): Promise<string> {
  await page.goto(`${origin}/admin/content`);
  await page.getByRole("heading", { name: "Content", level: 1 }).waitFor();
  await checkState(page, "admin-content-empty");
  await page.getByRole("button", { name: "Add content" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add content by URL" });
  await dialog.getByLabel("Link to the page").fill(url);
  await dialog.getByRole("button", { name: "Read the page" }).click();
  await expect.poll(() => dialog.getByLabel("Title").inputValue()).toBe("Årsrapporten 2026 är här");
  await checkState(page, "admin-content-add-preview");
  await dialog.getByRole("button", { name: "Create draft" }).click();
  await page.waitForURL(/\/admin\/content\/[A-Za-z0-9_-]+$/);
  const contentId = new URL(page.url()).pathname.split("/").pop() ?? "";
  await page.getByRole("button", { name: "Add a text" }).click();
  await page.getByLabel("Text", { exact: true }).fill("Läs vår årsrapport – ett år av tillväxt!");
  await page.getByRole("button", { name: "Save" }).click();
  await expect.poll(() => page.getByText("Saved").first().isVisible()).toBe(true);
  await checkState(page, "admin-content-edit");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect.poll(() => page.getByText("Published").first().isVisible()).toBe(true);
  await page.goto(`${origin}/admin/content`);
  await page.getByTestId(`content-${contentId}`).waitFor();
  await checkState(page, "admin-content-list");
  return contentId;
}
