import { z } from "zod";
import { HttpUrl } from "../schema";

/** The events an admin can subscribe an endpoint to (ledger event names, unchanged). */
export const WebhookEvent = z.enum(["link.clicked", "share.confirmed"]);
export type WebhookEvent = z.infer<typeof WebhookEvent>;
export const WEBHOOK_EVENTS = WebhookEvent.options;

/** What a delivery carries: a subscribed event, or the `ping` an admin sends to test. */
export const DeliveryType = z.enum([...WebhookEvent.options, "ping"]);
export type DeliveryType = z.infer<typeof DeliveryType>;

const Events = z
  .array(WebhookEvent)
  .min(1, "Choose at least one event")
  .max(WEBHOOK_EVENTS.length)
  .transform((events) => [...new Set(events)].sort());

const Description = z.string().trim().max(200);

export const WebhookInput = z.strictObject({
  url: HttpUrl,
  events: Events,
  description: Description.optional(),
  enabled: z.boolean().default(true),
});
export type WebhookInput = z.input<typeof WebhookInput>;

export const WebhookPatch = z.strictObject({
  url: HttpUrl.optional(),
  events: Events.optional(),
  /** An empty string removes the description. */
  description: Description.optional(),
  enabled: z.boolean().optional(),
});
export type WebhookPatch = z.input<typeof WebhookPatch>;

export const WebhookId = z.string().regex(/^[0-9a-f-]{36}$/);

/** A webhook as admins see it: never its secret, which is shown once on create and rotate. */
export const WebhookView = z.object({
  webhookId: z.string(),
  url: z.string(),
  events: z.array(WebhookEvent),
  description: z.string().optional(),
  enabled: z.boolean(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** After a rotation: until when deliveries are also signed with the secret it replaced. */
  previousSecretExpiresAt: z.iso.datetime().optional(),
});
export type WebhookView = z.infer<typeof WebhookView>;

/** The longest a replaced secret may keep signing deliveries: a week. */
export const MAX_SECRET_OVERLAP_HOURS = 7 * 24;

export const RotateSecretInput = z.strictObject({
  /**
   * How long the replaced secret still signs deliveries beside the new one, so receivers can
   * switch without refusing any: 24 hours unless said; 0 ends it at once (a leaked secret).
   */
  overlapHours: z.number().int().min(0).max(MAX_SECRET_OVERLAP_HOURS).default(24),
});
export type RotateSecretInput = z.input<typeof RotateSecretInput>;

/** The answer to create and rotate: the only times the secret leaves Sprida. */
export const WebhookWithSecret = WebhookView.extend({ secret: z.string() });
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>;

export const AttemptOutcome = z.enum(["delivered", "failed"]);

/** One try to send a delivery, as the delivery log shows it. */
export const DeliveryAttempt = z.object({
  attempt: z.number().int().min(1),
  at: z.iso.datetime(),
  outcome: AttemptOutcome,
  /** The receiver's HTTP status; absent when no answer came (refused, timeout...). */
  httpStatus: z.number().int().optional(),
  durationMs: z.number().int().min(0),
  /** Why it failed, for people (at most 300 characters). */
  error: z.string().optional(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>;

/**
 * pending: waiting for its next attempt (`nextAttemptAt`); delivered: a 2xx came back;
 * failed: every attempt failed (or a ping's one attempt did); dropped: its webhook was
 * deleted or disabled before it could be delivered.
 */
export const DeliveryStatus = z.enum(["pending", "delivered", "failed", "dropped"]);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const Delivery = z.object({
  deliveryId: z.string(),
  webhookId: z.string(),
  /** The event's id: also the payload's `id`, the same on every attempt. */
  eventId: z.string(),
  type: DeliveryType,
  status: DeliveryStatus,
  attempts: z.array(DeliveryAttempt),
  nextAttemptAt: z.iso.datetime().optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryPage = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(100),
  cursor: z.string().min(1).max(2_000).optional(),
});
export type DeliveryPage = z.input<typeof DeliveryPage>;

/** A counted event as the stream hands it over (a ledger item's fields). */
export const LedgeredEvent = z.object({
  eventId: z.string().min(1),
  orgId: z.string().min(1),
  name: z.string().min(1),
  occurredAt: z.iso.datetime(),
  properties: z.unknown(),
});
export type LedgeredEvent = z.infer<typeof LedgeredEvent>;

const Context = z.looseObject({ campaignId: z.string().min(1).optional() }).optional();
const LinkIds = { linkCode: z.string(), contentId: z.string(), channel: z.string() };

/**
 * What a payload takes from each event's properties: picked field by field, so anything
 * else the event carries (the visitor hash, country, device, referrer, the member) can
 * never reach a receiver, whatever the event adds later.
 */
const DataOf = {
  "link.clicked": z
    .looseObject({
      ...LinkIds,
      class: z.enum(["bot", "self", "internal", "human"]),
      unique: z.boolean(),
      day: z.iso.date(),
      context: Context,
    })
    .transform(({ linkCode, contentId, channel, context, class: kind, unique, day }) => ({
      linkCode,
      contentId,
      channel,
      ...(context?.campaignId ? { campaignId: context.campaignId } : {}),
      class: kind,
      unique,
      day,
    })),
  "share.confirmed": z
    .looseObject({
      ...LinkIds,
      via: z.enum(["member", "first_unique_click"]),
      context: Context,
    })
    .transform(({ linkCode, contentId, channel, context, via }) => ({
      linkCode,
      contentId,
      channel,
      ...(context?.campaignId ? { campaignId: context.campaignId } : {}),
      via,
    })),
} satisfies Record<WebhookEvent, z.ZodType>;

/** A payload's `data` for one event's properties; throws when they are not that event's. */
export function payloadData(name: WebhookEvent, properties: unknown): Record<string, unknown> {
  return DataOf[name].parse(properties);
}

/** The JSON body of every delivery. */
export interface Payload {
  id: string;
  type: DeliveryType;
  occurredAt: string;
  organisationId: string;
  data: Record<string, unknown>;
}
