import { z } from "zod";
import { DayId } from "../day";
import { ChannelId } from "../schema";

/** Money in integer minor units (cents, öre), never a float: sums are exact. Up to 100 million. */
export const MinorUnits = z.number().int().min(0).max(10_000_000_000);

export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, "An ISO 4217 currency code, like EUR or SEK");

/** One version of an organisation's value settings (design: "Metrics"). */
export const Settings = z.object({
  currency: Currency,
  /** Cost per click per channel: what a visit from an ad on that network would cost. */
  cpc: z.record(ChannelId, MinorUnits),
  /** The optional impressions term: potential reach / 1000 × CPM. Off by default. */
  cpm: z.object({ enabled: z.boolean(), perMille: MinorUnits }),
  /** The programme's fixed cost per calendar month (licences, the team's share). */
  fixedMonthlyCost: MinorUnits,
  /** Employee time per confirmed share, at `hourlyCost` an hour. */
  minutesPerShare: z.number().min(0).max(600),
  hourlyCost: MinorUnits,
  /** How long after a click a conversion is attributed to it. */
  attributionWindowDays: z.number().int().min(1).max(90),
});
export type Settings = z.infer<typeof Settings>;

/** A version as kept: in force from its local day until the next version's. */
export const SettingsVersion = Settings.extend({
  effectiveFrom: DayId,
  changedAt: z.string(),
  /** The admin's member id. */
  changedBy: z.string(),
});
export type SettingsVersion = z.infer<typeof SettingsVersion>;

/**
 * A change: from a chosen local day, the fields given; the others are those of the version in
 * force on that day (or the defaults). A channel's CPC or a CPM field alone may be given.
 */
export const SettingsChange = z.strictObject({
  effectiveFrom: DayId,
  currency: Currency.optional(),
  cpc: z.partialRecord(ChannelId, MinorUnits).optional(),
  cpm: z.strictObject({ enabled: z.boolean(), perMille: MinorUnits }).partial().optional(),
  fixedMonthlyCost: MinorUnits.optional(),
  minutesPerShare: z.number().min(0).max(600).optional(),
  hourlyCost: MinorUnits.optional(),
  attributionWindowDays: z.number().int().min(1).max(90).optional(),
});
export type SettingsChange = z.input<typeof SettingsChange>;
