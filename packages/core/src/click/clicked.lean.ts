import * as z from "zod/mini";
import type { OutgoingEvent } from "../event";
import { createEnvelope, type EventContext } from "../event/envelope.lean";
import { CHANNEL_IDS } from "../schema/channel-ids.lean";

/**
 * `link.clicked`'s properties in zod's small build (zod/mini): the redirect publishes one per
 * click and bundles no full zod. `Events.Clicked` (./events.ts) is defined on this schema, so
 * the redirect and every consumer validate the same properties.
 */
export const CLICKED = "link.clicked";

/** Decided once, when the click is recorded, and stored with it (design: "Classes"). */
export const CLICK_CLASSES = ["bot", "self", "internal", "human"] as const;
export const DEVICE_CLASSES = ["mobile", "tablet", "desktop", "unknown"] as const;

const LINK_CODE = /^[0-9A-Za-z]{10}$/;
const id = () => z.string().check(z.minLength(1), z.maxLength(64));

/**
 * One request to `/r/{code}`. It carries the visitor hash and never the address it was made
 * from. The event id (metadata.eventId) is the click id `sid`: `<link code>.<random UUID>`.
 */
export const ClickedProperties = z.strictObject({
  linkCode: z.string().check(z.regex(LINK_CODE)),
  memberId: id(),
  contentId: id(),
  channel: z.enum(CHANNEL_IDS, { error: "Not a share channel" }),
  class: z.enum(CLICK_CLASSES),
  /** Why the class is not human: user_agent, prefetch, method, address_range, self_cookie... */
  reason: z.optional(z.string().check(z.maxLength(60))),
  /**
   * HMAC of address and User-Agent under the organisation's salt of the day: 22 base64url
   * characters (see `visitorHash`).
   */
  visitor: id(),
  /**
   * HMAC of the address alone under the same salt (see `visitorHash`), for the points cap per
   * address. Absent only on clicks recorded before it existed.
   */
  addressHash: z.optional(id()),
  /** The organisation's local day at the click. */
  day: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  country: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/))),
  device: z.enum(DEVICE_CLASSES),
  referrerHost: z.optional(z.string().check(z.maxLength(253))),
});
export type ClickedProperties = z.infer<typeof ClickedProperties>;

/** `Events.Clicked.create`, without the rest of the click domain's events (full zod). */
export const clickedEvent = (
  properties: z.input<typeof ClickedProperties>,
  context: EventContext,
): OutgoingEvent => createEnvelope(CLICKED, ClickedProperties, properties, context);
