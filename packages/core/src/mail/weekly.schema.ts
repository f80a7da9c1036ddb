import { z } from "zod";
import { Locale } from "../schema";

/**
 * What the weekly e-mails show, computed before rendering (packages/core/src/weekly): the
 * templates only lay it out, so the numbers are the reports API's own and a preview shows
 * exactly what would be sent.
 */

/** The kinds of e-mail a recipient can turn off one by one (each has its unsubscribe link). */
export const MailKind = z.enum(["admin-report", "digest"]);
export type MailKind = z.infer<typeof MailKind>;

/** The local days of an ISO week, Monday to Sunday. */
export const WeekSpan = z.object({
  /** "2026-W48" */
  week: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
});
export type WeekSpan = z.infer<typeof WeekSpan>;

/** Links every weekly e-mail carries: its unsubscribe page and the recipient's choices. */
export const MailFooterLinks = z.object({
  /** The hub's page whose button unsubscribes from this kind of e-mail (a signed token). */
  unsubscribe: z.url(),
  /** The hub's page where all e-mail choices are edited. */
  preferences: z.url(),
});
export type MailFooterLinks = z.infer<typeof MailFooterLinks>;

/** One figure of the week against the week before; money in minor units of `currency`. */
export const WeeklyFigure = z.object({
  metric: z.enum([
    "confirmedShares",
    "participation",
    "humanClicks",
    "uniqueClicks",
    "potentialReach",
    "emv",
    "valueRatio",
    "cashRoi",
  ]),
  /** null shows as "—" (a ratio while the cost is 0, a rate with nobody opted in). */
  value: z.number().nullable(),
  previous: z.number().nullable(),
  /** The figure may still change (clicks inside the attribution window, a provisional cost). */
  provisional: z.boolean(),
});
export type WeeklyFigure = z.infer<typeof WeeklyFigure>;

/** A row of a top list: a label, and its unique human clicks and confirmed shares. */
export const WeeklyRow = z.object({
  label: z.string(),
  uniqueClicks: z.number().int(),
  confirmedShares: z.number().int(),
  /** EMV in minor units, where the report has it (channels). */
  emv: z.number().int().optional(),
});
export type WeeklyRow = z.infer<typeof WeeklyRow>;

export const AdminReportContent = z.object({
  locale: Locale,
  orgName: z.string(),
  currency: z.string(),
  week: WeekSpan,
  figures: z.array(WeeklyFigure),
  /** Unique human clicks per local day of the week, Monday first: the small trend bars. */
  daily: z.array(z.object({ day: z.iso.date(), uniqueClicks: z.number().int() })),
  topContent: z.array(WeeklyRow),
  channels: z.array(WeeklyRow),
  campaigns: z.array(WeeklyRow),
  /** Only members who chose to be named; empty otherwise. */
  topMembers: z.array(WeeklyRow),
  dashboard: z.url(),
  links: MailFooterLinks,
});
export type AdminReportContent = z.infer<typeof AdminReportContent>;

export const DigestItem = z.object({
  title: z.string(),
  summary: z.string().optional(),
  imageUrl: z.url().optional(),
  featured: z.boolean(),
  /** The hub's feed with this item's share sheet open: one tap from sharing. */
  share: z.url(),
});
export type DigestItem = z.infer<typeof DigestItem>;

export const DigestContent = z.object({
  locale: Locale,
  orgName: z.string(),
  displayName: z.string().optional(),
  /** The weeks the digest covers (1, 2 or 4, as the member chose). */
  from: z.iso.date(),
  to: z.iso.date(),
  items: z.array(DigestItem),
  /** Absent when the member chose content only. */
  impact: z
    .object({
      points: z.number().int(),
      uniqueClicks: z.number().int(),
      confirmedShares: z.number().int(),
      /** Badges earned in the period, by name. */
      badges: z.array(z.string()),
      /** Only when the member chose to be named. */
      rank: z.number().int().optional(),
    })
    .optional(),
  hub: z.url(),
  links: MailFooterLinks,
});
export type DigestContent = z.infer<typeof DigestContent>;
