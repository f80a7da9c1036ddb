import { z } from "zod";
import { isoWeek, localDay, localHour, localWeekday } from "../day";
import { Errors, parseInput } from "../error";
import { Mail, MailKind } from "../mail";
import { loadAdmin, Member, type MembershipRef } from "../member";
import { Org } from "../org";
import { Runtime } from "../runtime";
import { Locale } from "../schema";
import { WeekComposer } from "./compose";
import { recipientsOf } from "./recipients";
import { tallyOf } from "./send-once";
import { lastFinishedWeek, spanOf, weekBefore } from "./week";

/** Weeks of sends the admin site lists. */
const RECENT_WEEKS = 6;

export const MailPreviewQuery = z.strictObject({
  kind: MailKind,
  week: z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, "A week like 2026-W48"),
  language: Locale,
});
export type MailPreviewQuery = z.input<typeof MailPreviewQuery>;

export const MailPreview = z.object({
  kind: MailKind,
  week: Mail.WeekSpan,
  language: Locale,
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  /** False for a digest the caller would not get this week (nothing new to show). */
  wouldSend: z.boolean(),
});
export type MailPreview = z.infer<typeof MailPreview>;

export const MailOverview = z.object({
  schedule: z.object({ weekday: z.number(), hour: z.number(), timeZone: z.string() }),
  /** Members (invited or active) whose address bounced or complained: never e-mailed. */
  suppressed: z.number().int(),
  /** Who would get the next send, per kind. */
  recipients: z.object({ adminReport: z.number().int(), digest: z.number().int() }),
  sends: z.array(
    z.object({
      week: z.string(),
      kind: MailKind,
      sent: z.number().int(),
      skipped: z.number().int(),
      failed: z.number().int(),
      pending: z.number().int(),
    }),
  ),
  lastFinishedWeek: z.string(),
});
export type MailOverview = z.infer<typeof MailOverview>;

/** The weekly e-mails as admins see them: when they go, to whom, and how the last ones went. */
export async function overview(actorRef: MembershipRef): Promise<MailOverview> {
  const actor = await loadAdmin(actorRef);
  const org = await Org.get(actor.orgId);
  const now = Runtime.use().now();
  const finished = lastFinishedWeek(org.timeZone, now);
  const weeks = Array.from({ length: RECENT_WEEKS }, (_, index) => weekBefore(finished, index));
  const [recipients, members, sends] = await Promise.all([
    recipientsOf(org.orgId, nextReportedWeek(org, now)),
    everyMemberAddress(org.orgId),
    Promise.all(
      weeks.flatMap((week) =>
        (["admin-report", "digest"] as const).map(async (kind) => ({
          week,
          kind,
          ...(await tallyOf(org.orgId, week, kind)),
        })),
      ),
    ),
  ]);
  return {
    schedule: { ...org.settings.weeklyMail, timeZone: org.timeZone },
    suppressed: (await Mail.suppressedAmong(members)).size,
    recipients: {
      adminReport: recipients["admin-report"].length,
      digest: recipients.digest.length,
    },
    sends: sends.filter((send) => send.sent + send.skipped + send.failed + send.pending > 0),
    lastFinishedWeek: finished,
  };
}

/** The week the next send reports: last week's until this week's send time, then this week. */
function nextReportedWeek(org: Org.Info, now: Date): string {
  const { weekday, hour } = org.settings.weeklyMail;
  const local = [localWeekday(org.timeZone, now), localHour(org.timeZone, now)] as const;
  const sentThisWeek = local[0] > weekday || (local[0] === weekday && local[1] >= hour);
  const current = isoWeek(localDay(org.timeZone, now));
  return sentThisWeek ? current : weekBefore(current);
}

async function everyMemberAddress(orgId: string): Promise<string[]> {
  const addresses: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { members: Member.Info[]; cursor: string | null } = await Member.list(orgId, {
      limit: 100,
      cursor,
    });
    addresses.push(...page.members.map((member) => member.email));
    cursor = page.cursor;
  } while (cursor);
  return addresses;
}

/** A week up to the current one (a preview of this week shows it so far). */
async function checkedWeek(orgId: string, week: string): Promise<string> {
  const org = await Org.get(orgId);
  const current = isoWeek(localDay(org.timeZone, Runtime.use().now()));
  if (week > current) {
    throw Errors.invalid(
      "week_not_started",
      "That week has not started yet: choose an earlier one.",
    );
  }
  return week;
}

/** The e-mail of a kind as the caller would get it for a week, in the chosen language. */
export async function preview(
  actorRef: MembershipRef,
  query: MailPreviewQuery,
): Promise<MailPreview> {
  const { kind, week, language } = parseInput(MailPreviewQuery, query, "invalid_query");
  const actor = await loadAdmin(actorRef);
  const composer = await WeekComposer.of(actor.orgId, await checkedWeek(actor.orgId, week));
  const member = await Member.get(actor.orgId, actor.memberId);
  const wouldSend = (await composer.compose(member, kind)) !== undefined;
  const message = await composer.compose(member, kind, { locale: language, evenIfEmpty: true });
  if (!message) throw new Error("A preview always has a message");
  return {
    kind,
    week: spanOf(week),
    language,
    subject: message.subject,
    html: message.html,
    text: message.text,
    wouldSend,
  };
}

/** Sends the preview to the caller's own address, its subject marked as a test. */
export async function sendTest(
  actorRef: MembershipRef,
  query: MailPreviewQuery,
): Promise<{ sentTo: string }> {
  const { kind, week, language } = parseInput(MailPreviewQuery, query);
  const actor = await loadAdmin(actorRef);
  const composer = await WeekComposer.of(actor.orgId, await checkedWeek(actor.orgId, week));
  const member = await Member.get(actor.orgId, actor.memberId);
  if ((await Mail.suppressedAmong([member.email])).size > 0) {
    throw Errors.conflict(
      "address_suppressed",
      "Your address bounced or marked our e-mail as spam, so nothing is sent to it.",
    );
  }
  const message = await composer.compose(member, kind, { locale: language, evenIfEmpty: true });
  if (!message) throw new Error("A test always has a message");
  await Mail.send({ to: member.email, ...message, subject: `[Test] ${message.subject}` });
  return { sentTo: member.email };
}
