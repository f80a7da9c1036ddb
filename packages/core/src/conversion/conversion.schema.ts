import { z } from "zod";
import { ClickId } from "../click";
import { Text } from "../text";

/** The largest value one conversion may carry: 10 000 000.00 in minor units. */
export const MAX_CONVERSION_VALUE = 1_000_000_000;

/** A conversion as another server reports it (signed) or a CSV row gives it. */
export const ConversionReport = z.strictObject({
  /** The click id the site received on the landing URL. */
  sid: ClickId,
  /** The site's own id of the order or sign-up: a second report of it changes nothing. */
  orderId: Text.field({ max: 128, visible: true }),
  /** In integer minor units (cents, öre) of `currency`. */
  value: z.number().int().min(0).max(MAX_CONVERSION_VALUE),
  currency: z.string().regex(/^[A-Z]{3}$/, "An ISO 4217 currency code, like EUR or SEK"),
  /** When it happened (ISO 8601); now if absent. Never in the future. */
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});
export type ConversionReport = z.input<typeof ConversionReport>;

export const ConversionOutcome = z.object({
  status: z.enum(["recorded", "duplicate"]),
  /** The conversion's id: the same for a duplicate. */
  conversionId: z.string(),
  /** The organisation's local day of the click it is attributed to. */
  clickDay: z.string(),
});
export type ConversionOutcome = z.infer<typeof ConversionOutcome>;
