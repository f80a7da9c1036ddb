import { z } from "zod";
import { Locale } from "../schema";
import { Text } from "../text";

/** An IANA time zone the runtime knows (Intl is the authority, so local days agree with it). */
export const TimeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isKnownTimeZone, { message: "Not a known IANA time zone, e.g. Europe/Stockholm" });

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the organisation's links point: an https origin, never a path, query or fragment.
 * Whether the deployment offers it (`notOffered`) is checked by the commands, so this file
 * stays free of the runtime and the admin site validates with it too.
 */
export const PublicOrigin = z
  .string()
  .trim()
  .max(200)
  .refine(isOrigin, { message: "Give an origin like https://sprida.example.com, without a path" })
  .transform((value) => new URL(value).origin);

function isOrigin(value: string): boolean {
  return /^https:\/\/[^/?#@\s]+\/?$/i.test(value) && URL.canParse(value);
}

/** A host name of the organisation's own sites (UTM parameters are added only there). */
export const Hostname = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, {
    message: "Give a host name like example.com, without scheme or path",
  });

/** An address range declared as the organisation's own network (for internal clicks). */
export const Cidr = z.union([z.cidrv4(), z.cidrv6()], {
  error: "Give an address range like 192.0.2.0/24 or 2001:db8::/32",
});

/** How points are earned (README: "Points"). Nothing is earned for bot, self or internal clicks. */
export const PointRules = z.strictObject({
  /** Once per member and content item, however many channels it was shared to. */
  perConfirmedShare: z.number().int().min(0).max(1_000).default(5),
  perUniqueHumanClick: z.number().int().min(0).max(1_000).default(1),
  /** Click points one link can earn in one local day. */
  maxClickPointsPerLinkPerDay: z.number().int().min(0).max(100_000).default(20),
  /**
   * Unique visitors from one address (an address hash) who can earn click points on one link
   * in one local day; the rest still count as unique clicks. Two lets a household or a
   * phone and a laptop on one network both count, while rotating User-Agents earns no more.
   */
  maxPointVisitorsPerAddressPerLinkPerDay: z.number().int().min(1).max(1_000).default(2),
});
export type PointRules = z.infer<typeof PointRules>;

/**
 * When the weekly e-mails go out, on the organisation's own clock: by default Monday 08:00.
 * Each reports the last finished ISO week (packages/core/src/weekly).
 */
export const WeeklyMailTime = z.strictObject({
  /** 1 Monday … 7 Sunday (ISO). */
  weekday: z.int().min(1).max(7).default(1),
  hour: z.int().min(0).max(23).default(8),
});
export type WeeklyMailTime = z.infer<typeof WeeklyMailTime>;

/** Settings features add to, with defaults; unknown keys are refused rather than silently kept. */
export const OrgSettings = z.strictObject({
  points: PointRules.prefault({}),
  /** A curator's publish waits for an admin's approval. */
  curatorsNeedApproval: z.boolean().default(false),
  /** `utm_medium` on links to the organisation's own domains. */
  utmMedium: z
    .string()
    .regex(/^[a-z0-9_-]{1,64}$/, "Lower-case letters, digits, - and _ only")
    .default("employee_advocacy"),
  weeklyMail: WeeklyMailTime.prefault({}),
});
export type OrgSettings = z.infer<typeof OrgSettings>;

export const GuidelinesText = Text.field({ max: 20_000, multiline: true, visible: true });

export const Guidelines = z.object({
  version: z.number().int().min(1),
  text: z.string(),
  publishedAt: z.iso.datetime(),
});
export type Guidelines = z.infer<typeof Guidelines>;

export const Info = z.object({
  orgId: z.string(),
  name: z.string(),
  locale: Locale,
  timeZone: z.string(),
  /** The organisation's choice among the deployment's origins; absent means the deployment's own. */
  publicOrigin: z.string().optional(),
  ownDomains: z.array(z.string()),
  internalNetworks: z.array(z.string()),
  settings: OrgSettings,
  guidelines: Guidelines.optional(),
  createdAt: z.iso.datetime(),
});
export type Info = z.infer<typeof Info>;

const editable = {
  name: Text.field({ max: 120, visible: true }),
  locale: Locale,
  timeZone: TimeZone,
  publicOrigin: PublicOrigin,
  ownDomains: z
    .array(Hostname)
    .max(50)
    .transform((hosts) => [...new Set(hosts)]),
  internalNetworks: z
    .array(Cidr)
    .max(100)
    .transform((ranges) => [...new Set(ranges)]),
  settings: OrgSettings,
};

export const OrganisationInput = z.strictObject({
  ...editable,
  publicOrigin: editable.publicOrigin.optional(),
  ownDomains: editable.ownDomains.default([]),
  internalNetworks: editable.internalNetworks.default([]),
  settings: editable.settings.prefault({}),
  /** Optional first guidelines, published as version 1 with the organisation. */
  guidelines: GuidelinesText.optional(),
});
export type OrganisationInput = z.input<typeof OrganisationInput>;

/** A change of settings names only what changes; the rest (and other point rules) stay. */
export const OrgSettingsPatch = z.strictObject({
  curatorsNeedApproval: OrgSettings.shape.curatorsNeedApproval.removeDefault().optional(),
  utmMedium: OrgSettings.shape.utmMedium.removeDefault().optional(),
  points: z
    .strictObject({
      perConfirmedShare: PointRules.shape.perConfirmedShare.removeDefault().optional(),
      perUniqueHumanClick: PointRules.shape.perUniqueHumanClick.removeDefault().optional(),
      maxClickPointsPerLinkPerDay: PointRules.shape.maxClickPointsPerLinkPerDay
        .removeDefault()
        .optional(),
      maxPointVisitorsPerAddressPerLinkPerDay:
        PointRules.shape.maxPointVisitorsPerAddressPerLinkPerDay.removeDefault().optional(),
    })
    .optional(),
  weeklyMail: z
    .strictObject({
      weekday: WeeklyMailTime.shape.weekday.removeDefault().optional(),
      hour: WeeklyMailTime.shape.hour.removeDefault().optional(),
    })
    .optional(),
});
export type OrgSettingsPatch = z.infer<typeof OrgSettingsPatch>;

export const OrganisationPatch = z
  .strictObject({
    ...editable,
    /** null goes back to the deployment's own origin. */
    publicOrigin: editable.publicOrigin.nullable(),
    settings: OrgSettingsPatch,
  })
  .partial();
export type OrganisationPatch = z.input<typeof OrganisationPatch>;
