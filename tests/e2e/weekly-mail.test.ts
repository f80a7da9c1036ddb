import { Session } from "@sprida/core/auth";
import { Member } from "@sprida/core/member";
import { Org } from "@sprida/core/org";
import { Weekly } from "@sprida/core/weekly";
import type { LocalSystem } from "@sprida/local/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishContent } from "../helpers/content";
import { TestClient } from "../helpers/http";
import { startTestSystem } from "../helpers/local-system";
import { checkState } from "./support/accessibility";
import {
  DESKTOP,
  launchBrowser,
  PHONE,
  type TestBrowser,
  type Viewport,
  watchForErrors,
} from "./support/browser";
import { servedApp } from "./support/served-app";

const LIMIT = 30_000;

/**
 * The weekly e-mails' screens in Chromium: an admin sets the send time, previews both e-mails
 * and sends a test to the local inbox; a member changes their e-mail choices, and an e-mail's
 * unsubscribe link changes nothing until its button is pressed; a digest's Share link opens
 * the item's share sheet.
 */
describe("the weekly e-mails in Chromium", () => {
  let system: LocalSystem;
  let origin: string;
  let browser: TestBrowser;
  let orgId: string;
  const people = {
    owner: { memberId: "", email: "", session: "" },
    member: { memberId: "", email: "", session: "" },
  };

  beforeAll(async () => {
    ({ system } = await startTestSystem());
    origin = system.urls.app;
    browser = await launchBrowser();
    const org = await Org.create({
      name: "Veckobolaget",
      locale: "sv",
      timeZone: "Europe/Stockholm",
      guidelines: "Var ärlig.",
    });
    orgId = org.orgId;
    const stamp = Date.now();
    for (const role of ["owner", "member"] as const) {
      const email = `${role}.${stamp}@vecka.example`;
      const { inviteToken } = await Member.invite({
        orgId,
        email,
        role,
        displayName: `Test ${role}`,
        invitedBy: Member.SYSTEM_ACTOR,
      });
      const membership = await Member.acceptInvite({ token: inviteToken, guidelinesVersion: 1 });
      const { sessionToken } = await Session.create(membership);
      // Past the welcome: a member with a channel goes straight to the hub.
      await Member.updateProfile(orgId, membership.memberId, {
        channels: [{ channel: "linkedin", networkSize: 100 }],
      });
      people[role] = { memberId: membership.memberId, email, session: sessionToken };
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  async function signedIn(
    role: keyof typeof people,
    viewport: Viewport = DESKTOP,
    locale = "sv-SE",
  ) {
    const context = await browser.context({ viewport, locale });
    await context.addCookies([
      { name: "sprida_session", value: people[role].session, url: origin },
    ]);
    const page = await context.newPage();
    return { context, page, errors: watchForErrors(page) };
  }

  async function inbox(address: string): Promise<{ subject: string }[]> {
    const store = (await (await fetch(new URL("store", system.urls.inbox))).json()) as {
      emails: { subject: string; destination: { to: string[] } }[];
    };
    return store.emails.filter((mail) => mail.destination.to.includes(address));
  }

  it("lets an admin set the send time, preview both e-mails and send a test to themself", async () => {
    const { page, context, errors } = await signedIn("owner");
    await page.goto(`${origin}/admin/mail`);
    await page.getByRole("heading", { name: "E-post", level: 1 }).waitFor({ timeout: LIMIT });
    await expect
      .poll(() => page.getByTestId("mail-schedule").textContent())
      .toMatch(/måndag.*08:00/);

    await page.getByLabel("Veckodag").first().click();
    await page.getByRole("option", { name: "tisdag" }).click();
    await page.getByLabel("Klockslag").first().click();
    await page.getByRole("option", { name: "07:00" }).click();
    await page.getByRole("button", { name: "Spara tiden" }).click();
    await expect
      .poll(() => page.getByTestId("mail-schedule").textContent(), { timeout: LIMIT })
      .toMatch(/tisdag.*07:00.*Europe\/Stockholm/);
    expect((await Org.get(orgId)).settings.weeklyMail).toEqual({ weekday: 2, hour: 7 });

    // The admin report in Swedish, in a sandboxed frame (no script runs there, ours neither).
    const frame = page.locator("iframe[title^='Förhandsvisning']");
    await expect
      .poll(async () => (await frame.getAttribute("srcdoc")) ?? "", { timeout: LIMIT })
      .toMatch(/<html[^>]*lang="sv"[\s\S]*vecka \d+/i);
    expect(await frame.getAttribute("sandbox")).toBe("");
    await checkState(page, "admin-mail", { exclude: "iframe" });

    // The digest, with nothing new this week for the admin: shown, and said not to be sent.
    await page
      .getByRole("region", { name: "Förhandsvisning" })
      .getByText("Nyhetsbrev", { exact: true })
      .click();
    await page.getByText(/Du skulle inte få det här nyhetsbrevet/).waitFor({ timeout: LIMIT });
    await page.getByRole("button", { name: "Skicka ett test till mig" }).click();
    await page
      .getByText(`Ett test är på väg till ${people.owner.email}`)
      .waitFor({ timeout: LIMIT });
    await expect
      .poll(async () => (await inbox(people.owner.email)).map((mail) => mail.subject))
      .toContainEqual(expect.stringMatching(/^\[Test\] /));
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("lets a member choose their e-mail, unsubscribe only by the button, and share from a digest link", async () => {
    const { page, context, errors } = await signedIn("member", PHONE);
    await page.goto(`${origin}/me`);
    const section = page.getByRole("region", { name: "E-post" });
    await section.getByText("Varannan vecka").click();
    await expect
      .poll(async () => (await Member.get(orgId, people.member.memberId)).mail.digestEveryWeeks)
      .toBe(2);
    await section.getByText("Bara innehåll").click();
    await expect
      .poll(async () => (await Member.get(orgId, people.member.memberId)).mail.digestWithImpact)
      .toBe(false);
    await page.reload();
    expect(await page.getByRole("radio", { name: "Varannan vecka" }).isChecked()).toBe(true);
    await checkState(page, "me-mail");

    // The e-mail's link: opening it changes nothing; the button does; it can be undone.
    const token = await Weekly.unsubscribeToken({
      orgId,
      memberId: people.member.memberId,
      kind: "digest",
    });
    await page.goto(`${origin}/unsubscribe?token=${encodeURIComponent(token)}`);
    await page.getByText("Sluta skicka nyhetsbrevet från Veckobolaget till dig?").waitFor();
    expect((await Member.get(orgId, people.member.memberId)).privacy.weeklyDigest).toBe(true);
    await checkState(page, "unsubscribe");
    await page.getByRole("button", { name: "Avsluta" }).click();
    await page.getByText(/Klart: nyhetsbrevet från Veckobolaget skickas inte längre/).waitFor();
    expect((await Member.get(orgId, people.member.memberId)).privacy.weeklyDigest).toBe(false);
    await page.getByRole("button", { name: "Prenumerera igen" }).click();
    await page.getByText("Du får nyhetsbrevet från Veckobolaget igen.").waitFor();
    expect((await Member.get(orgId, people.member.memberId)).privacy.weeklyDigest).toBe(true);
    await page.goto(`${origin}/unsubscribe?token=forged`);
    await page
      .getByRole("alert")
      .getByText(/ofullständig/)
      .waitFor();

    // A digest's Share button: the feed opens with the item's share sheet.
    const owner = new TestClient(servedApp(origin), people.owner.session);
    const contentId = await publishContent(owner, { title: "Veckans nyhet", language: "sv" });
    await page.goto(`${origin}/?share=${contentId}`);
    const sheet = page.getByRole("dialog", { name: "Dela" });
    await sheet.getByText("Veckans nyhet").first().waitFor({ timeout: LIMIT });
    expect(new URL(page.url()).searchParams.get("share")).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
