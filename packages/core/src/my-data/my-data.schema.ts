import { z } from "zod";
import { AuditEntry } from "../audit";
import { ClickClass, DeviceClass } from "../click";
import { ChannelNetwork, MailChoices, MemberStatus, Privacy, Role } from "../member";
import { ChannelId, Locale } from "../schema";
import { ClickCounts, Counts } from "../tally";

/** Raised whenever the shape below changes in a way a reader of an older export would notice. */
export const EXPORT_VERSION = 2;

const Day = z.iso.date();

/** One click as the ledger keeps it, without the visitor hash (it is a reader's, not the member's). */
const ExportedClick = z.object({
  clickId: z.string(),
  occurredAt: z.iso.datetime(),
  day: Day,
  class: ClickClass,
  reason: z.string().optional(),
  unique: z.boolean(),
  country: z.string().optional(),
  device: DeviceClass,
  referrerHost: z.string().optional(),
});

const ExportedShare = z.object({
  code: z.string(),
  /** The tracked link: `${publicOrigin}/r/${code}`. */
  url: z.string(),
  contentId: z.string(),
  /** The content's title; null if the item has since been deleted. */
  title: z.string().nullable(),
  channel: ChannelId,
  destination: z.string(),
  createdAt: z.iso.datetime(),
  confirmation: z
    .object({
      at: z.iso.datetime(),
      via: z.enum(["member", "first_unique_click"]),
      postUrl: z.string().optional(),
    })
    .nullable(),
});

/**
 * Everything Sprida holds about a member in one organisation (their right of access).
 * Besides `version`, `exportedAt` and `organisation`, there is one key per category of
 * `GET /api/me/recorded`, named by that category's id, so the two lists cannot drift apart.
 */
export const MyDataExport = z.object({
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.iso.datetime(),
  organisation: z.object({ orgId: z.string(), name: z.string() }),
  email: z.object({
    address: z.string(),
    /** The e-mail identity shared by the person's memberships on this Sprida. */
    personId: z.string(),
    personCreatedAt: z.iso.datetime().nullable(),
  }),
  display_name: z.string().nullable(),
  membership: z.object({
    memberId: z.string(),
    role: Role,
    status: MemberStatus,
    locale: Locale,
    invitedAt: z.iso.datetime(),
    invitedBy: z.string(),
    joinedAt: z.iso.datetime().nullable(),
    deactivatedAt: z.iso.datetime().nullable(),
  }),
  segment: z.object({
    office: z.string().optional(),
    unit: z.string().optional(),
    competenceArea: z.string().optional(),
  }),
  /** The networks with their declared sizes, and the Mastodon server, if given. */
  channels: z.object({
    networks: z.array(ChannelNetwork),
    mastodonServer: z.string().nullable(),
  }),
  privacy: Privacy,
  weekly_mail: z.object({
    choices: MailChoices,
    sent: z.array(
      z.object({ week: z.string(), kind: z.string(), state: z.string(), at: z.iso.datetime() }),
    ),
  }),
  guidelines_acceptance: z
    .object({
      version: z.number().int(),
      acceptedAt: z.iso.datetime(),
      /** The text of the version accepted. */
      text: z.string(),
    })
    .nullable(),
  curator_topics: z.array(z.string()),
  /** Admin actions concerning the member, oldest first. */
  audit: z.array(AuditEntry),
  followed_topics: z.array(z.string()),
  holiday: z.object({ from: Day, to: Day }).nullable(),
  /** Tracked links, newest first. */
  shares: z.array(ExportedShare),
  /** Per tracked link: all-time counts by class, and each click recorded. */
  clicks: z.array(
    z.object({ code: z.string(), counts: ClickCounts, events: z.array(ExportedClick) }),
  ),
  points: z.object({
    week: z.number().int(),
    month: z.number().int(),
    all: z.number().int(),
    /** All-time counts of every metric behind the points. */
    totals: Counts,
    /** The member's counts per local day, oldest first (days without activity are absent). */
    perDay: z.array(z.object({ day: Day, counts: Counts })),
    /** Content items whose share earned points (once each), oldest first. */
    sharePoints: z.array(z.object({ contentId: z.string(), awardedAt: z.iso.datetime() })),
    badges: z.array(z.object({ id: z.string(), name: z.string(), awardedAt: z.iso.datetime() })),
    streak: z.object({ weeks: z.number().int(), paused: z.boolean() }),
  }),
  /** The day's hash of the device the member shared from (kept 15 days), so their own clicks are not counted. */
  own_clicks: z.array(z.object({ day: Day, visitor: z.string(), createdAt: z.iso.datetime() })),
  /** Sign-in sessions in this organisation: nothing here signs anyone in. */
  sessions: z.array(
    z.object({
      sessionId: z.string(),
      createdAt: z.iso.datetime(),
      lastSeenAt: z.iso.datetime(),
      expiresAt: z.iso.datetime(),
    }),
  ),
  /** Always empty: nothing is recorded before the member accepts the invitation. */
  activity_before_joining: z.tuple([]),
});
export type MyDataExport = z.infer<typeof MyDataExport>;
