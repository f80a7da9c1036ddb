import { z } from "zod";
import { defineEvent } from "../event";
import { ChannelId } from "../schema";
import { CLICK_CLASSES, CLICKED, ClickedProperties, DEVICE_CLASSES } from "./clicked.lean";

export { ClickedProperties, clickedEvent } from "./clicked.lean";

/** Decided once, when the click is recorded, and stored with it (design: "Classes"). */
export const ClickClass = z.enum(CLICK_CLASSES);
export type ClickClass = z.infer<typeof ClickClass>;

export const DeviceClass = z.enum(DEVICE_CLASSES);
export type DeviceClass = z.infer<typeof DeviceClass>;

/** A click as the ledger keeps it: the class settled at ingest, and whether it is unique. */
export const RecordedClick = z.strictObject({ ...ClickedProperties.shape, unique: z.boolean() });
export type RecordedClick = z.infer<typeof RecordedClick>;

/** A click id (`sid`) as the redirect makes it: the link's code, a dot, a random UUID. */
export const ClickId = z
  .string()
  .regex(/^[0-9A-Za-z]{10}\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    message: "Not a click id (sid)",
  });
export const linkCodeOfClick = (sid: string) => sid.slice(0, 10);

/**
 * A conversion on the organisation's site after a click (packages/core/src/conversion): kept
 * with the click's link and counted on the click's local day, so a period's value is that of
 * its clicks. `value` is in integer minor units of the organisation's currency, 0 from the
 * count-only pixel.
 */
export const ConvertedProperties = z.strictObject({
  sid: ClickId,
  linkCode: z.string().regex(/^[0-9A-Za-z]{10}$/),
  memberId: z.string().min(1).max(64),
  contentId: z.string().min(1).max(64),
  channel: ChannelId,
  /** The organisation's local day of the click the conversion is attributed to. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  source: z.enum(["api", "pixel", "csv"]),
  value: z.number().int().min(0),
  currency: z.string().regex(/^[A-Z]{3}$/),
  orderId: z.string().min(1).max(128).optional(),
});
export type ConvertedProperties = z.infer<typeof ConvertedProperties>;

export const Events = {
  Clicked: defineEvent(CLICKED, ClickedProperties),
  Converted: defineEvent("conversion.recorded", ConvertedProperties),
};
