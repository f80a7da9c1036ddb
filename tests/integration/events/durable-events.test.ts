import type { SESv2Client } from "@aws-sdk/client-sesv2";
import { Content } from "@sprida/core/content";
import type { DeliveredEvent, OutgoingEvent } from "@sprida/core/event";
import { Member } from "@sprida/core/member";
import { Onboarding } from "@sprida/core/onboarding";
import { Org } from "@sprida/core/org";
import { Outbox } from "@sprida/core/outbox";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { article } from "../../../packages/core/src/content/test-support";
import { linkIn, MAILING_RULES, tokenOf, uniqueEmail } from "../../helpers/http-flows";
import { provideTestRuntime, type RecordingPublisher, withRuntime } from "../../helpers/runtime";
import { startTestInbox, type TestInbox } from "../../helpers/test-inbox";
import { activeMember, newEmail, newOrganisation } from "../../helpers/test-members";

/**
 * Issue 10: every event is written in the transaction of the change it reports and published
 * after it; if the process dies in between, the `outbox` job publishes it later, once. The
 * invitation mail is the `member.invited` subscriber's, sent once per event.
 */
describe("durable events and the invitation mail", () => {
  let inbox: TestInbox;
  let publisher: RecordingPublisher;

  beforeAll(async () => {
    inbox = await startTestInbox();
    ({ publisher } = provideTestRuntime({ mail: inbox.client }, { deliver: MAILING_RULES }));
  });
  afterAll(() => inbox?.stop());
  afterEach(() => vi.restoreAllMocks());

  /** The outbox job as the tick runs it: past the window in which the normal path publishes. */
  const outboxJob = () => Outbox.republish({ now: new Date(Date.now() + 2 * 60_000) });

  const published = (detailType: string, property: string, value: string) =>
    publisher.published.filter(
      (event) =>
        event.detailType === detailType &&
        (event.detail.properties as Record<string, unknown>)[property] === value,
    );

  /** What the bus hands the subscriber (the EventBridge delivery shape). */
  const delivered = (event: OutgoingEvent | undefined): DeliveredEvent => ({
    version: "0",
    id: event?.detail.metadata.eventId ?? "",
    "detail-type": event?.detailType ?? "",
    source: "sprida",
    account: "000000000000",
    time: new Date().toISOString(),
    region: "local",
    resources: [],
    detail: event?.detail,
  });

  /** The process dies between the commit and the publish: the bus never hears of the event. */
  async function withDeadPublisher<T>(fn: () => Promise<T>): Promise<T> {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const publish = publisher.publish.bind(publisher);
    publisher.publish = async () => {
      throw new Error("the process died before publishing");
    };
    try {
      return await fn();
    } finally {
      publisher.publish = publish;
    }
  }

  async function organisation() {
    return Org.create({
      name: `Durable ${crypto.randomUUID().slice(0, 8)}`,
      locale: "en",
      timeZone: "Europe/Stockholm",
      guidelines: "Be kind.",
    });
  }

  it("an invitation writes member.invited with ids only, and its subscriber mails the join link once", async () => {
    // Prepare
    const org = await organisation();
    const email = uniqueEmail("invited");

    // Act
    const member = await Onboarding.inviteByMail({
      orgId: org.orgId,
      email,
      invitedBy: Member.SYSTEM_ACTOR,
    });

    // Assess: one event, naming the member and the invitation, nothing personal.
    const events = published("member.invited", "memberId", member.memberId);
    expect(events).toHaveLength(1);
    expect(events[0]?.detail.properties).toEqual({
      memberId: member.memberId,
      tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(events[0]?.detail.metadata.orgId).toBe(org.orgId);
    expect(JSON.stringify(events)).not.toContain(email);
    const mails = await inbox.mailTo(email);
    expect(mails).toHaveLength(1);
    const view = await Member.inviteByToken(tokenOf(linkIn(mails[0], "/join")));
    expect(view).toMatchObject({ orgId: org.orgId, email });
    // Delivered again (at least once, as on AWS): nothing more is sent.
    expect(await Onboarding.mailInvitation(delivered(events[0]))).toBe("already-sent");
    expect(await inbox.mailTo(email)).toHaveLength(1);
  });

  it("a re-sent invitation is mailed through its own event with the new link; the old event mails nothing", async () => {
    // Prepare
    const org = await organisation();
    const email = uniqueEmail("resent");
    const input = { orgId: org.orgId, email, invitedBy: Member.SYSTEM_ACTOR };
    const member = await Onboarding.inviteByMail(input);

    // Act
    await Onboarding.inviteByMail(input);

    // Assess
    const [first, second] = published("member.invited", "memberId", member.memberId);
    expect(second?.detail.metadata.eventId).toBeDefined();
    expect(second?.detail.metadata.eventId).not.toBe(first?.detail.metadata.eventId);
    const mails = await inbox.mailTo(email);
    expect(mails).toHaveLength(2);
    await expect(Member.inviteByToken(tokenOf(linkIn(mails[0], "/join")))).rejects.toMatchObject({
      code: "invite_not_found",
    });
    expect(await Member.inviteByToken(tokenOf(linkIn(mails[1], "/join")))).toMatchObject({
      email,
    });
    // The first event delivered late: its token no longer works, so it is not mailed.
    expect(await Onboarding.mailInvitation(delivered(first))).toBe("nothing-to-mail");
    expect(await inbox.mailTo(email)).toHaveLength(2);
  });

  it("invites without waiting on the mail service; a failed mail is sent when the event is retried", async () => {
    // Prepare: SES fails.
    vi.spyOn(console, "error").mockImplementation(() => {});
    const org = await organisation();
    const email = uniqueEmail("unmailed");
    const failingMail = {
      send: async () => {
        throw new Error("SES is unavailable");
      },
      destroy: () => undefined,
    } as unknown as SESv2Client;

    // Act
    const member = await withRuntime({ mail: failingMail }, () =>
      Onboarding.inviteByMail({ orgId: org.orgId, email, invitedBy: Member.SYSTEM_ACTOR }),
    );

    // Assess: invited anyway; the subscriber failed (the bus retries it), nothing was sent.
    expect(member).toMatchObject({ status: "invited", email });
    const [event] = published("member.invited", "memberId", member.memberId);
    expect(
      publisher.failures.filter(({ eventId }) => eventId === event?.detail.metadata.eventId),
    ).toEqual([expect.objectContaining({ rule: "invitation-mail" })]);
    expect(await inbox.mailTo(email)).toEqual([]);
    // The retry, with SES back: sent, once.
    expect(await Onboarding.mailInvitation(delivered(event))).toBe("sent");
    expect(await Onboarding.mailInvitation(delivered(event))).toBe("already-sent");
    expect(await inbox.mailTo(email)).toHaveLength(1);
  });

  it("the CSV import writes a member.invited per invited row, and each address gets its mail", async () => {
    // Prepare
    const org = await organisation();
    const emails = [uniqueEmail("csv-a"), uniqueEmail("csv-b"), uniqueEmail("csv-c")];

    // Act
    const rows = await Onboarding.inviteCsvByMail({
      orgId: org.orgId,
      csv: ["email", ...emails].join("\n"),
      invitedBy: Member.SYSTEM_ACTOR,
    });

    // Assess
    expect(rows.map((row) => row.outcome)).toEqual(["invited", "invited", "invited"]);
    for (const row of rows) {
      expect(published("member.invited", "memberId", row.memberId ?? "")).toHaveLength(1);
    }
    for (const email of emails) expect(await inbox.mailTo(email)).toHaveLength(1);
  });

  describe("when the process dies between the commit and the publish", () => {
    it("the outbox job publishes member.invited later, once, and the invitation is mailed once", async () => {
      // Prepare
      const org = await organisation();
      const email = uniqueEmail("crashed");

      // Act: the invitation commits; its publish never happens.
      const member = await withDeadPublisher(() =>
        Onboarding.inviteByMail({ orgId: org.orgId, email, invitedBy: Member.SYSTEM_ACTOR }),
      );
      expect(published("member.invited", "memberId", member.memberId)).toEqual([]);
      expect(await inbox.mailTo(email)).toEqual([]);
      await outboxJob();
      await outboxJob();

      // Assess
      expect(published("member.invited", "memberId", member.memberId)).toHaveLength(1);
      const mails = await inbox.mailTo(email);
      expect(mails).toHaveLength(1);
      expect(await Member.inviteByToken(tokenOf(linkIn(mails[0], "/join")))).toMatchObject({
        email,
      });
    });

    it("the outbox job publishes member.joined and member.left later, once each, with their ids", async () => {
      // Prepare
      const org = await organisation();
      const email = uniqueEmail("joiner");
      const { inviteToken, member } = await Member.invite({
        orgId: org.orgId,
        email,
        invitedBy: Member.SYSTEM_ACTOR,
      });

      // Act
      await withDeadPublisher(() =>
        Member.acceptInvite({ token: inviteToken, guidelinesVersion: 1 }),
      );
      expect(published("member.joined", "memberId", member.memberId)).toEqual([]);
      await outboxJob();
      await withDeadPublisher(() => Member.leave(org.orgId, member.memberId));
      expect(published("member.left", "memberId", member.memberId)).toEqual([]);
      await outboxJob();
      await outboxJob();

      // Assess
      const joined = published("member.joined", "memberId", member.memberId);
      const left = published("member.left", "memberId", member.memberId);
      expect(joined.map((event) => event.detail.metadata.eventId)).toEqual([
        `joined-${member.memberId}`,
      ]);
      expect(left.map((event) => event.detail.metadata.eventId)).toEqual([
        `left-${member.memberId}`,
      ]);
    });

    it("the outbox job publishes content.published later, once", async () => {
      // Prepare
      const org = await newOrganisation();
      const admin = await activeMember(org, newEmail(), "admin");
      const draft = await Content.create(admin, article());

      // Act
      await withDeadPublisher(() => Content.publish(admin, draft.contentId));
      expect(published("content.published", "contentId", draft.contentId)).toEqual([]);
      await outboxJob();
      await outboxJob();

      // Assess
      expect(published("content.published", "contentId", draft.contentId)).toHaveLength(1);
    });
  });
});
