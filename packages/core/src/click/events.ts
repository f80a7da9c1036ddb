import { z } from "zod";
import { defineEvent } from "../event";
import { ChannelId } from "../schema";

/** Decided once, when the click is recorded, and stored with it (design: "Classes"). */
export const ClickClass = z.enum(["bot", "self", "internal", "human"]);
export type ClickClass = z.infer<typeof ClickClass>;

export const DeviceClass = z.enum(["mobile", "tablet", "desktop", "unknown"]);
export type DeviceClass = z.infer<typeof DeviceClass>;

/**
 * One request to `/r/{code}`. It carries the visitor hash and never the address it was made
 * from. The event id (metadata.eventId) is the click id `sid`: `<link code>.<random UUID>`.
 */
export const ClickedProperties = z.strictObject({
  linkCode: z.string().regex(/^[0-9A-Za-z]{10}$/),
  memberId: z.string().min(1).max(64),
  contentId: z.string().min(1).max(64),
  channel: ChannelId,
  class: ClickClass,
  /** Why the class is not human: user_agent, prefetch, method, address_range, self_cookie... */
  reason: z.string().max(60).optional(),
  /**
   * HMAC of address and User-Agent under the organisation's salt of the day: 22 base64url
   * characters (see `visitorHash`).
   */
  visitor: z.string().min(1).max(64),
  /**
   * HMAC of the address alone under the same salt (see `visitorHash`), for the points cap per
   * address. Absent only on clicks recorded before it existed.
   */
  addressHash: z.string().min(1).max(64).optional(),
  /** The organisation's local day at the click. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  device: DeviceClass,
  referrerHost: z.string().max(253).optional(),
});
export type ClickedProperties = z.infer<typeof ClickedProperties>;

/** A click as the ledger keeps it: the class settled at ingest, and whether it is unique. */
export const RecordedClick = ClickedProperties.extend({ unique: z.boolean() });
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
  Clicked: defineEvent("link.clicked", ClickedProperties),
  Converted: defineEvent("conversion.recorded", ConvertedProperties),
};
