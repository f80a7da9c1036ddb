import { z } from "zod";
import { Audit } from "../audit";
import { Session } from "../auth";
import { Events as ClickEvents, ownDevicesOf, RecordedClick } from "../click";
import { Ledger } from "../ledger";
import { Member } from "../member";
import { Org } from "../org";
import { Person } from "../person";
import { Points } from "../points";
import { Runtime } from "../runtime";
import { linkPartition, sharesOf } from "../share";
import { Tally } from "../tally";
import { Weekly } from "../weekly";
import { EXPORT_VERSION, MyDataExport } from "./my-data.schema";

/** A click as the ledger keeps it, without the visitor hash (it identifies a reader, not the member). */
const LedgerClick = z.object(
  RecordedClick.pick({
    day: true,
    class: true,
    reason: true,
    unique: true,
    country: true,
    device: true,
    referrerHost: true,
  }).shape,
);

async function clicksOfLink(code: string): Promise<MyDataExport["clicks"][number]["events"]> {
  const events = await Ledger.listPartition(linkPartition({ linkCode: code }));
  return events
    .filter((event) => event.name === ClickEvents.Clicked.name)
    .map((event) => ({
      clickId: event.eventId,
      occurredAt: event.occurredAt,
      ...LedgerClick.parse(event.properties),
    }))
    .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.clickId.localeCompare(b.clickId));
}

/** The member's daily counts since they were invited (the member dimension of the tally). */
async function pointsPerDay(orgId: string, memberId: string, since: string, today: string) {
  const rows = await Tally.countersBetween(orgId, "member", since, today);
  return rows
    .filter((row) => row.key === memberId)
    .map(({ day, counts }) => ({ day, counts }))
    .sort((a, b) => a.day.localeCompare(b.day));
}

/**
 * Everything held about the member in this organisation, as JSON: their right of access.
 * Parsed through the published schema, so nothing outside it (no key, no token hash, no
 * reader's visitor hash) can slip in.
 */
export async function exportOf(orgId: string, memberId: string): Promise<MyDataExport> {
  const membership = await Member.get(orgId, memberId);
  const ref = { orgId, memberId };
  const [org, today] = await Promise.all([Org.get(orgId), Points.localToday(orgId)]);
  const since = Org.localDay(org.timeZone, new Date(membership.invitedAt));
  const [
    person,
    audit,
    guidelines,
    shares,
    links,
    standing,
    perDay,
    sharePoints,
    devices,
    sessions,
    weeklySends,
  ] = await Promise.all([
    Person.find(membership.personId),
    Audit.listForTarget(orgId, memberId),
    membership.guidelinesAccepted
      ? Org.guidelinesVersion(orgId, membership.guidelinesAccepted.version)
      : Promise.resolve(null),
    sharesOf(org, memberId),
    Points.myLinks(ref),
    Points.standing(ref),
    pointsPerDay(orgId, memberId, since, today.day),
    Tally.awardsOf(orgId, memberId, "share_points"),
    ownDevicesOf(orgId, memberId),
    Session.listForPerson(membership.personId),
    Weekly.sendsTo(orgId, memberId, lastYearOfWeeks(org.timeZone)),
  ]);
  const titles = new Map(links.map((link) => [link.code, link.title]));
  const clicks = await Promise.all(
    links.map(async (link) => ({
      code: link.code,
      counts: link.counts,
      events: await clicksOfLink(link.code),
    })),
  );
  return MyDataExport.parse({
    version: EXPORT_VERSION,
    exportedAt: Runtime.use().now().toISOString(),
    organisation: { orgId: org.orgId, name: org.name },
    email: {
      address: membership.email,
      personId: membership.personId,
      personCreatedAt: person?.createdAt ?? null,
    },
    display_name: membership.displayName ?? null,
    membership: {
      memberId: membership.memberId,
      role: membership.role,
      status: membership.status,
      locale: membership.locale,
      invitedAt: membership.invitedAt,
      invitedBy: membership.invitedBy,
      joinedAt: membership.joinedAt ?? null,
      deactivatedAt: membership.deactivatedAt ?? null,
    },
    segment: membership.segment,
    channels: {
      networks: membership.channels,
      mastodonServer: membership.mastodonServer ?? null,
    },
    privacy: membership.privacy,
    weekly_mail: { choices: membership.mail, sent: weeklySends },
    guidelines_acceptance:
      membership.guidelinesAccepted && guidelines
        ? { ...membership.guidelinesAccepted, text: guidelines.text }
        : null,
    curator_topics: membership.curatorTopics,
    audit,
    followed_topics: membership.followedTopics,
    holiday: membership.holiday,
    shares: shares.map((share) => ({
      code: share.code,
      url: share.url,
      contentId: share.contentId,
      title: titles.get(share.code) ?? null,
      channel: share.channel,
      destination: share.destination,
      createdAt: share.createdAt,
      confirmation: share.confirmation ?? null,
    })),
    clicks,
    points: {
      ...standing.points,
      totals: standing.totals,
      perDay,
      sharePoints: sharePoints.map(({ key, awardedAt }) => ({ contentId: key, awardedAt })),
      badges: standing.badges,
      streak: standing.streak,
    },
    own_clicks: devices,
    // A person's sessions span organisations: only those in this membership belong here.
    sessions: sessions
      .filter((session) => session.orgId === orgId && session.memberId === memberId)
      .map(({ sessionId, createdAt, lastSeenAt, expiresAt }) => ({
        sessionId,
        createdAt,
        lastSeenAt,
        expiresAt,
      })),
    activity_before_joining: [],
  });
}

/** The ISO weeks of the last year on the organisation's clock: as long as send records last. */
function lastYearOfWeeks(timeZone: string): string[] {
  const week = Weekly.lastFinishedWeek(timeZone, Runtime.use().now());
  return Array.from({ length: 53 }, (_, index) => Weekly.weekBefore(week, index - 1));
}
