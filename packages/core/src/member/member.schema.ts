import { z } from "zod";
import { daysBetween } from "../day";
import { Email, Locale } from "../schema";
import { Text } from "../text";

/** Shared vocabulary of membership. The entity (member.entity.ts) stores these shapes. */
export const Role = z.enum(["owner", "admin", "curator", "member"]);
export type Role = z.infer<typeof Role>;

/** Higher rank can do everything a lower rank can (curators only within their topics). */
export const ROLE_RANK: Record<Role, number> = { member: 0, curator: 1, admin: 2, owner: 3 };

export const MemberStatus = z.enum(["invited", "active", "left", "deactivated"]);
export type MemberStatus = z.infer<typeof MemberStatus>;

/** Shared with other domains, from the common schema module. */
export { Email, Locale } from "../schema";

export const Segment = z.strictObject({
  office: z.string().trim().min(1).max(80).optional(),
  unit: z.string().trim().min(1).max(80).optional(),
  competenceArea: z.string().trim().min(1).max(80).optional(),
});
export type Segment = z.infer<typeof Segment>;

/** Channel ids are the share channels of the content issue; kept open here (validated there). */
export const ChannelNetwork = z.strictObject({
  channel: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/),
  /** Declared followers/connections: the basis of *potential* reach. */
  networkSize: z.number().int().min(0).max(100_000_000),
});

export const Privacy = z.strictObject({
  /** Named on leaderboards and in admin reports; off unless the member opts in. */
  namedToAdmins: z.boolean(),
  weeklyDigest: z.boolean(),
});
export type Privacy = z.infer<typeof Privacy>;

export const DEFAULT_PRIVACY: Privacy = { namedToAdmins: false, weeklyDigest: true };

/**
 * How the member wants the weekly e-mails (privacy.weeklyDigest switches the digest on and
 * off): the digest every one, two or four weeks, with or without the member's own points and
 * clicks, and, for admins and owners, the weekly admin report. The digest's topics are the
 * ones the member follows (all when none).
 */
export const MailChoices = z.strictObject({
  digestEveryWeeks: z.union([z.literal(1), z.literal(2), z.literal(4)]),
  digestWithImpact: z.boolean(),
  adminReport: z.boolean(),
});
export type MailChoices = z.infer<typeof MailChoices>;

export const DEFAULT_MAIL_CHOICES: MailChoices = {
  digestEveryWeeks: 1,
  digestWithImpact: true,
  adminReport: true,
};

/** About a year: a holiday or leave, not a way to switch streaks off for good. */
export const MAX_HOLIDAY_DAYS = 366;

/**
 * Days the member is away (holiday, leave), both included, as the organisation's local
 * days: a streak pauses over them instead of breaking. Only the member sees it.
 */
export const Holiday = z
  .strictObject({ from: z.iso.date(), to: z.iso.date() })
  .refine((holiday) => holiday.from <= holiday.to, {
    message: "The holiday cannot end before it starts",
    path: ["to"],
  })
  .refine((holiday) => daysBetween(holiday.from, holiday.to) < MAX_HOLIDAY_DAYS, {
    message: `A holiday can be at most ${MAX_HOLIDAY_DAYS} days long`,
    path: ["to"],
  });
export type Holiday = z.infer<typeof Holiday>;

/** What auth needs to know about a person's place in an organisation. */
export const MembershipRef = z.object({
  orgId: z.string(),
  memberId: z.string(),
  personId: z.string(),
  role: Role,
  status: MemberStatus,
});
export type MembershipRef = z.infer<typeof MembershipRef>;

/** Shown on leaderboards and in reports, so it must show as something (see `text/text.ts`). */
export const DisplayName = Text.field({ max: 80, visible: true });

/** The member's Mastodon server, for sharing there: a host name such as `mastodon.social`. */
export const MastodonServer = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, {
    message: "Give just the server's name, for example mastodon.social",
  });

/** Topic ids a curator may curate (topics arrive with content; kept open here). */
export const CuratorTopics = z
  .array(z.string().trim().min(1).max(60))
  .max(50)
  .transform((topics) => [...new Set(topics)]);

export const Channels = z
  .array(ChannelNetwork)
  .max(20)
  .refine((channels) => new Set(channels.map((c) => c.channel)).size === channels.length, {
    message: "Each channel can be listed once",
  });
export type ChannelNetwork = z.infer<typeof ChannelNetwork>;

export const GuidelinesAcceptance = z.object({
  version: z.number().int().min(1),
  acceptedAt: z.iso.datetime(),
});

/** Who invited: a memberId of the organisation, or "system" (seeding, provisioning, operator). */
export const InvitedBy = z.string().min(1).max(64);
export const SYSTEM_ACTOR = "system";

/** A membership as the domain hands it out (a member who left is a tombstone, not a Member). */
export const Info = z.object({
  orgId: z.string(),
  memberId: z.string(),
  personId: z.string(),
  role: Role,
  status: MemberStatus,
  email: z.string(),
  displayName: z.string().optional(),
  locale: Locale,
  segment: Segment,
  channels: z.array(ChannelNetwork),
  /** Where the share sheet sends Mastodon shares (a share may name another). */
  mastodonServer: z.string().optional(),
  privacy: Privacy,
  mail: MailChoices,
  curatorTopics: z.array(z.string()),
  /** Topics the member follows: they come first in the feed. */
  followedTopics: z.array(z.string()),
  guidelinesAccepted: GuidelinesAcceptance.optional(),
  /** Away from..to: streaks pause (null: no holiday set). */
  holiday: z.object({ from: z.string(), to: z.string() }).nullable(),
  invitedAt: z.iso.datetime(),
  invitedBy: z.string(),
  /** While invited: when the current invitation stops working. */
  inviteExpiresAt: z.iso.datetime().optional(),
  joinedAt: z.iso.datetime().optional(),
  deactivatedAt: z.iso.datetime().optional(),
});
export type Info = z.infer<typeof Info>;

export const InviteInput = z.strictObject({
  orgId: z.string().min(1),
  email: Email,
  /** "member" for a new membership; a re-sent invitation keeps its role unless given. */
  role: Role.optional(),
  displayName: DisplayName.optional(),
  segment: Segment.optional(),
  curatorTopics: CuratorTopics.optional(),
  invitedBy: InvitedBy,
  expiresInDays: z.number().int().min(1).max(90).default(14),
  /**
   * Whether the join link is e-mailed (by the `member.invited` subscriber), as an admin's
   * invitation is. Otherwise the caller hands the token on itself (the demo seed, tests), and
   * no copy of it is kept.
   */
  mailed: z.boolean().default(false),
});
export type InviteInput = z.input<typeof InviteInput>;

export const ProfilePatch = z.strictObject({
  displayName: DisplayName.optional(),
  locale: Locale.optional(),
  channels: Channels.optional(),
  /** null clears it. */
  mastodonServer: MastodonServer.nullable().optional(),
  privacy: Privacy.optional(),
  /** Names only the choices that change. */
  mail: MailChoices.partial().optional(),
  followedTopics: CuratorTopics.optional(),
  /** null clears it. */
  holiday: Holiday.nullable().optional(),
});
export type ProfilePatch = z.input<typeof ProfilePatch>;

/** What an admin gives to invite one address (the invitation is e-mailed). */
export const AdminInvite = z.strictObject({
  email: Email,
  role: Role.default("member"),
  displayName: DisplayName.optional(),
  segment: Segment.optional(),
  curatorTopics: CuratorTopics.optional(),
});
export type AdminInvite = z.input<typeof AdminInvite>;

/** What an admin may change about a member: role, segment, curator topics (at least one). */
export const AdminMemberPatch = z
  .strictObject({
    role: Role.optional(),
    segment: Segment.optional(),
    curatorTopics: CuratorTopics.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: "Change at least one thing" });
export type AdminMemberPatch = z.input<typeof AdminMemberPatch>;

export const ListMembersQuery = z.strictObject({
  /** Members who left are anonymous tombstones and never listed. */
  status: z.enum(["invited", "active", "deactivated"]).optional(),
  role: Role.optional(),
  office: z.string().trim().min(1).max(80).optional(),
  unit: z.string().trim().min(1).max(80).optional(),
  competenceArea: z.string().trim().min(1).max(80).optional(),
  /** Part of the e-mail address or display name, any case. */
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[^\p{Cc}]*$/u)
    .optional(),
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(2_000).nullish(),
});
export type ListMembersQuery = z.input<typeof ListMembersQuery>;

export const Day = z.iso.date();
