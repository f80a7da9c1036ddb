import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import type { OutgoingEvent } from "@sprida/core/event";
import { Mail } from "@sprida/core/mail";
import { Member } from "@sprida/core/member";
import { Runtime } from "@sprida/core/runtime";
import { Tally } from "@sprida/core/tally";
import { Weekly } from "@sprida/core/weekly";
import { describe, expect, it } from "vitest";
import { TestLink } from "../../../packages/core/src/tally/test-support";
import { publishContent } from "../../helpers/content";
import { testDynamo } from "../../helpers/dynamodb";
import { TestClient } from "../../helpers/http";
import { joinAs, uniqueEmail, useHttpFlows } from "../../helpers/http-flows";
import { type SeededOrg, seedOrganisation } from "../../helpers/identity";
import { type RecordingPublisher, withRuntime } from "../../helpers/runtime";
import type { StoredMail } from "../../helpers/test-inbox";

/** ISO week 48 of 2037 is Monday 23 to Sunday 29 November; the send runs in week 49. */
const WEEK = "2037-W48";
const DURING_WEEK = "2037-11-24T09:00:00.000Z";
const MONDAY_AFTER = "2037-11-30T08:30:00.000Z";
const ORIGIN = "http://localhost:4000";

/** The weekly e-mails against the SES emulator (issue 15). */
describe("the weekly e-mails", () => {
  const flow = useHttpFlows();
  const at = (iso: string) => flow.clock.advance(Date.parse(iso) - flow.clock.now().getTime());
  const publisher = () => Runtime.use().publisher as RecordingPublisher;

  /**
   * An organisation with a week of activity: two items published in week 48 (one featured,
   * one in a topic), shares and clicks by the owner (named) and the member; recipients with
   * every kind of choice, and some who must get nothing.
   */
  async function organisation() {
    at(DURING_WEEK);
    const org = await seedOrganisation("Weekly");
    const owner = new TestClient(flow.app, org.owner.sessionToken);
    const settings = await owner.put("/api/admin/value-settings", {
      json: { effectiveFrom: "2037-11-01", cpc: { linkedin: 500 } },
    });
    expect(settings.status, settings.text).toBe(200);
    const featured = await publishContent(owner, { title: "Featured story", featured: true });
    const topical = await publishContent(owner, { title: "Product news", topics: ["product"] });
    await Member.updateProfile(org.orgId, org.owner.memberId, {
      privacy: { namedToAdmins: true, weeklyDigest: true },
    });
    // The admin wants neither e-mail; the curator the digest every other week (48 is even);
    // the member the digest without points.
    await Member.updateProfile(org.orgId, org.admin.memberId, {
      privacy: { namedToAdmins: false, weeklyDigest: false },
      mail: { adminReport: false },
    });
    await Member.updateProfile(org.orgId, org.curator.memberId, {
      mail: { digestEveryWeeks: 2 },
      locale: "sv",
    });
    await Member.updateProfile(org.orgId, org.member.memberId, {
      mail: { digestWithImpact: false },
      followedTopics: ["product"],
    });
    const gone = await joinAs(org.orgId, uniqueEmail("deactivated"));
    await Member.deactivate({ ...org.owner, orgId: org.orgId, status: "active" }, gone.memberId);
    const left = await joinAs(org.orgId, uniqueEmail("left"));
    await Member.leave(org.orgId, left.memberId);
    const bounced = await joinAs(org.orgId, uniqueEmail("bounced"));
    await Weekly.handleMailEvent(sesBounce(bounced.email, "Permanent"));
    const segment = { office: "Stockholm", unit: "Sales" };
    const owners = new TestLink(org.orgId, org.owner.memberId, featured, "linkedin", {
      segment,
      networkSize: 300,
    });
    const members = new TestLink(org.orgId, org.member.memberId, topical, "linkedin", {
      segment,
      networkSize: 100,
    });
    await Tally.applyBatch([
      owners.confirmed("2037-11-24"),
      owners.click("2037-11-24", "human"),
      owners.click("2037-11-25", "human"),
      owners.click("2037-11-25", "bot"),
      members.confirmed("2037-11-26"),
      members.click("2037-11-27", "human"),
    ]);
    at(MONDAY_AFTER);
    return { org, owner, gone, left, bounced };
  }

  /** Runs the week's unit and sends every batch it fanned out, as the bus would. */
  async function sendTheWeek(orgId: string) {
    const before = publisher().published.length;
    const fanned = await Weekly.fanOut({ orgId, period: "2037-W49" });
    const batches = publisher().published.slice(before);
    const results = [];
    for (const event of batches) results.push(await Weekly.sendBatch(delivered(event)));
    return { fanned, batches, results };
  }

  const mailOf = async (address: string) => flow.inbox.mailTo(address);
  const countAll = async (org: SeededOrg) => {
    const people = [org.owner, org.admin, org.curator, org.member];
    return (await Promise.all(people.map((person) => mailOf(person.email)))).map((m) => m.length);
  };
  const links = { unsubscribe: `${ORIGIN}/unsubscribe`, preferences: `${ORIGIN}/me` };
  const header = (mail: StoredMail | undefined, name: string) =>
    mail?.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

  it("sends each recipient what they chose, in their language, with numbers equal to the reports API", async () => {
    const { org, owner, gone, left, bounced } = await organisation();
    const { fanned } = await sendTheWeek(org.orgId);
    expect(fanned).toMatchObject({ week: WEEK, adminReport: 1 });

    const ownerMail = await mailOf(org.owner.email);
    expect(ownerMail.map((mail) => mail.subject)).toHaveLength(2);
    const report = ownerMail.find((mail) => /week 48/i.test(mail.subject));
    const digest = ownerMail.find((mail) => mail !== report);
    expect(report, ownerMail.map((m) => m.subject).join(" | ")).toBeDefined();

    // The same week through the reports API: the e-mail's figures are these.
    const overview = await owner.get("/api/admin/reports/overview?from=2037-11-23&to=2037-11-29");
    const counts = (overview.body as { counts: Record<string, number> }).counts;
    expect(counts).toMatchObject({ sharesConfirmed: 2, uniqueClicks: 3, humanClicks: 3 });
    const content = await Weekly.adminReportContent(
      { ...org.owner, orgId: org.orgId, status: "active" },
      WEEK,
      { locale: "en", orgName: org.name, dashboard: `${ORIGIN}/admin`, links },
    );
    const figure = (metric: string) => content.figures.find((f) => f.metric === metric)?.value;
    expect(figure("uniqueClicks")).toBe(counts.uniqueClicks);
    expect(figure("confirmedShares")).toBe(counts.sharesConfirmed);
    expect(figure("potentialReach")).toBe(counts.potentialReach);
    expect(figure("emv")).toBe(1_500);
    expect(report?.body.text).toContain(
      new Intl.NumberFormat("en").format(counts.potentialReach ?? 0),
    );
    // EMV: three unique LinkedIn clicks at 5.00, in whole units as the e-mail shows money.
    const emv = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: content.currency,
      maximumFractionDigits: 0,
    }).format(15);
    expect(report?.body.text).toContain(emv);
    expect(report?.body.text).toContain(`${ORIGIN}/admin`);

    // The owner's digest: both items, their week, and their rank (named).
    expect(digest?.body.text).toContain("Featured story");
    expect(digest?.body.text).toContain(`${ORIGIN}/?share=`);

    // The member follows "product": the topical item and the featured one, without points.
    const [memberDigest, ...more] = await mailOf(org.member.email);
    expect(more).toEqual([]);
    expect(memberDigest?.body.text).toContain("Product news");
    expect(memberDigest?.body.text).not.toMatch(/your week/i);

    // The curator asked for Swedish and every other week.
    const [curatorDigest] = await mailOf(org.curator.email);
    expect(curatorDigest?.subject).toMatch(/dela|nytt/i);

    // Nothing for who did not want it, was deactivated, left, or bounced.
    expect(await mailOf(org.admin.email)).toEqual([]);
    expect(await mailOf(gone.email)).toEqual([]);
    expect(await mailOf(left.email)).toEqual([]);
    expect(await mailOf(bounced.email)).toEqual([]);
    expect(await mailOf(org.invited.email)).toEqual([]);

    // Every weekly e-mail offers one-click unsubscribe (RFC 8058).
    for (const mail of [report, digest, memberDigest, curatorDigest]) {
      expect(header(mail, "List-Unsubscribe")).toMatch(
        new RegExp(`^<${ORIGIN}/api/unsubscribe/one-click\\?token=[^>]+>$`),
      );
      expect(header(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    }
  });

  it("sends nothing new when the week runs again, and never twice after a crash between the record and its mark", async () => {
    const { org } = await organisation();
    const late = await joinAs(org.orgId, uniqueEmail("late"));
    // The process dies after SES took the late member's e-mail, before it was marked sent.
    const dynamo = crashingAfterSend(late.memberId);
    await expect(
      withRuntime({ dynamo, document: Runtime.documentClient(dynamo) }, () =>
        sendTheWeek(org.orgId),
      ),
    ).rejects.toThrow(/injected/);
    expect(await mailOf(late.email)).toHaveLength(1);
    const firstRun = await countAll(org);

    // The rerun (the bus retrying, or an operator) sends nothing again, to anyone.
    const { results } = await sendTheWeek(org.orgId);
    expect(await countAll(org)).toEqual(firstRun);
    expect(await mailOf(late.email)).toHaveLength(1);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(0);
    expect(await Weekly.tallyOf(org.orgId, WEEK, "digest")).toMatchObject({ pending: 1 });
  });

  it("sends what SES refused on the retry, once", async () => {
    const { org } = await organisation();
    const refusing = refusingMail(flow.inbox.endpoint, org.member.email);
    await expect(withRuntime({ mail: refusing }, () => sendTheWeek(org.orgId))).rejects.toThrow();
    expect(await mailOf(org.member.email)).toEqual([]);
    expect(await Weekly.tallyOf(org.orgId, WEEK, "digest")).toMatchObject({ failed: 1 });
    const before = await mailOf(org.owner.email);
    await sendTheWeek(org.orgId);
    expect(await mailOf(org.member.email)).toHaveLength(1);
    expect(await mailOf(org.owner.email)).toEqual(before);
  });

  it("unsubscribes by the hub's button and by RFC 8058's POST, never by GET, and refuses forged links", async () => {
    const { org } = await organisation();
    const digestToken = await Weekly.unsubscribeToken({
      orgId: org.orgId,
      memberId: org.member.memberId,
      kind: "digest",
    });
    const anyone = new TestClient(flow.app);
    const query = `token=${encodeURIComponent(digestToken)}`;
    const look = await anyone.get(`/api/unsubscribe?${query}`);
    expect(look.body).toEqual({ kind: "digest", orgName: org.name, subscribed: true });
    // A mail scanner following links changes nothing.
    const scanner = await anyone.get(`/api/unsubscribe/one-click?${query}`);
    expect(scanner.status).toBe(404);
    expect((await Member.get(org.orgId, org.member.memberId)).privacy.weeklyDigest).toBe(true);

    const button = await anyone.post("/api/unsubscribe", {
      json: { token: digestToken, subscribed: false },
    });
    expect(button.status, button.text).toBe(200);
    expect((await Member.get(org.orgId, org.member.memberId)).privacy.weeklyDigest).toBe(false);
    const again = await anyone.post("/api/unsubscribe", {
      json: { token: digestToken, subscribed: true },
    });
    expect(again.body).toMatchObject({ subscribed: true });

    // The mail provider's one-click POST: form-encoded, from its server, without an Origin.
    const reportToken = await Weekly.unsubscribeToken({
      orgId: org.orgId,
      memberId: org.owner.memberId,
      kind: "admin-report",
    });
    const oneClick = await flow.app.request(
      `/api/unsubscribe/one-click?token=${encodeURIComponent(reportToken)}`,
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      },
    );
    expect(oneClick.status, await oneClick.clone().text()).toBe(200);
    expect((await Member.get(org.orgId, org.owner.memberId)).mail.adminReport).toBe(false);
    expect((await Member.get(org.orgId, org.owner.memberId)).privacy.weeklyDigest).toBe(true);

    // A token for one member cannot be turned into another's.
    const forged = reportToken.replace(org.owner.memberId, org.member.memberId);
    const refused = await flow.app.request(
      `/api/unsubscribe/one-click?token=${encodeURIComponent(forged)}`,
      { method: "POST", body: "List-Unsubscribe=One-Click" },
    );
    expect(refused.status).toBe(401);
    const badLook = await anyone.get(`/api/unsubscribe?token=${encodeURIComponent(forged)}`);
    expect(badLook.status).toBe(400);
    expect(badLook.body).toMatchObject({ error: { code: "invalid_token" } });
    expect((await Member.get(org.orgId, org.member.memberId)).mail.adminReport).toBe(true);
  });

  it("suppresses hard bounces and complaints for good, not a full mailbox", async () => {
    const hard = uniqueEmail("hard");
    const full = uniqueEmail("full");
    const complained = uniqueEmail("complained");
    await Weekly.handleMailEvent(sesBounce(hard, "Permanent"));
    await Weekly.handleMailEvent(sesBounce(full, "Transient"));
    await Weekly.handleMailEvent({
      source: "aws.ses",
      "detail-type": "Email Complaint Received",
      detail: {
        eventType: "Complaint",
        complaint: { complainedRecipients: [{ emailAddress: complained }] },
      },
    });
    expect(await Mail.suppressedAmong([hard, full, complained.toUpperCase()])).toEqual(
      new Set([hard, complained.toUpperCase()]),
    );
  });

  it("lets an admin preview both e-mails in either language and send a test to themself", async () => {
    const { org, owner } = await organisation();
    const preview = await owner.get(
      `/api/admin/mail/preview?kind=admin-report&week=${WEEK}&language=sv`,
    );
    expect(preview.status, preview.text).toBe(200);
    const body = preview.body as {
      subject: string;
      html: string;
      text: string;
      wouldSend: boolean;
    };
    expect(body.subject).toMatch(/vecka 48/i);
    expect(body.html).toContain('lang="sv"');
    expect(body.wouldSend).toBe(true);
    const future = await owner.get("/api/admin/mail/preview?kind=digest&week=2037-W52&language=en");
    expect(future.status).toBe(400);
    const test = await owner.post("/api/admin/mail/test", {
      json: { kind: "digest", week: WEEK, language: "en" },
    });
    expect(test.body).toEqual({ sentTo: org.owner.email });
    const [mail] = await mailOf(org.owner.email);
    expect(mail?.subject).toMatch(/^\[Test\] /);
    const overview = await owner.get("/api/admin/mail/overview");
    expect(overview.body).toMatchObject({
      schedule: { weekday: 1, hour: 8, timeZone: "Europe/Stockholm" },
      suppressed: 1,
      lastFinishedWeek: WEEK,
    });
  });
});

function delivered(event: OutgoingEvent) {
  return {
    version: "0",
    id: event.detail.metadata.eventId,
    "detail-type": event.detailType,
    source: event.source,
    account: "000000000000",
    time: new Date().toISOString(),
    region: "local",
    resources: [],
    detail: structuredClone(event.detail),
  };
}

function sesBounce(address: string, bounceType: "Permanent" | "Transient") {
  return {
    source: "aws.ses",
    "detail-type": "Email Bounced",
    detail: {
      eventType: "Bounce",
      bounce: { bounceType, bouncedRecipients: [{ emailAddress: address }] },
    },
  };
}

/** A table client that "crashes" right after SES took `memberId`'s e-mail: its mark fails. */
function crashingAfterSend(memberId: string): DynamoDBClient {
  const { endpoint } = testDynamo();
  const client = new DynamoDBClient({
    endpoint,
    region: "eu-north-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = JSON.stringify(args.input);
      if (
        context.commandName === "UpdateItemCommand" &&
        input.includes(memberId) &&
        input.includes('"sent"')
      ) {
        throw new Error("injected: the process died before marking the e-mail sent");
      }
      return next(args);
    },
    { step: "initialize", name: "crashBeforeMark" },
  );
  return client;
}

/** An SES client that refuses every e-mail to `address` (a throttle, an outage). */
function refusingMail(endpoint: string, address: string): SESv2Client {
  const client = new SESv2Client({
    endpoint,
    region: "eu-north-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      if (JSON.stringify(args.input).includes(address)) {
        throw Object.assign(new Error("Maximum sending rate exceeded."), {
          name: "TooManyRequestsException",
        });
      }
      return next(args);
    },
    { step: "initialize", name: "refuse" },
  );
  return client;
}
