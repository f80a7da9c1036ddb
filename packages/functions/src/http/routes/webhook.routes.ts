import { Webhook } from "@sprida/core/webhook";
import { z } from "zod";
import { actorOf, session } from "../callers";
import { defineRoute } from "../route";

const WebhookParams = z.strictObject({ webhookId: z.string().min(1).max(64) });
const Deliveries = z.object({
  deliveries: z.array(Webhook.Delivery),
  cursor: z.string().nullable(),
});

/**
 * Endpoints that receive signed link.clicked / share.confirmed deliveries (admins). The
 * secret is in the answer to create and rotate-secret only.
 */
export const WebhookRoutes = [
  defineRoute({
    method: "get",
    path: "/api/webhooks",
    summary: "The organisation's webhooks (without their secrets)",
    tag: "Webhooks",
    access: session("admin"),
    response: z.object({ webhooks: z.array(Webhook.WebhookView) }),
    handler: async ({ caller }) => ({ webhooks: await Webhook.list(actorOf(caller)) }),
  }),
  defineRoute({
    method: "post",
    path: "/api/webhooks",
    summary:
      "Register an https endpoint for link.clicked and/or share.confirmed; the answer shows its signing secret, once",
    tag: "Webhooks",
    access: session("admin"),
    body: Webhook.WebhookInput,
    response: Webhook.WebhookWithSecret,
    status: 201,
    handler: async ({ caller, body }) => Webhook.create(actorOf(caller), body),
  }),
  defineRoute({
    method: "get",
    path: "/api/webhooks/:webhookId",
    summary: "One webhook (without its secret)",
    tag: "Webhooks",
    access: session("admin"),
    params: WebhookParams,
    response: Webhook.WebhookView,
    handler: async ({ caller, params }) => Webhook.get(actorOf(caller), params.webhookId),
  }),
  defineRoute({
    method: "patch",
    path: "/api/webhooks/:webhookId",
    summary: "Change a webhook's address, events, description or whether it is enabled",
    tag: "Webhooks",
    access: session("admin"),
    params: WebhookParams,
    body: Webhook.WebhookPatch,
    response: Webhook.WebhookView,
    handler: async ({ caller, params, body }) =>
      Webhook.update(actorOf(caller), params.webhookId, body),
  }),
  defineRoute({
    method: "delete",
    path: "/api/webhooks/:webhookId",
    summary: "Delete a webhook; its pending deliveries are dropped",
    tag: "Webhooks",
    access: session("admin"),
    params: WebhookParams,
    response: z.object({ deleted: z.literal(true) }),
    handler: async ({ caller, params }) => {
      await Webhook.remove(actorOf(caller), params.webhookId);
      return { deleted: true as const };
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/webhooks/:webhookId/rotate-secret",
    summary:
      "Replace the signing secret; the old one also signs for overlapHours (default 24, 0 to 168); the answer shows the new one, once",
    tag: "Webhooks",
    access: session("admin"),
    params: WebhookParams,
    body: Webhook.RotateSecretInput,
    response: Webhook.WebhookWithSecret,
    handler: async ({ caller, params, body }) =>
      Webhook.rotateSecret(actorOf(caller), params.webhookId, body),
  }),
  defineRoute({
    method: "post",
    path: "/api/webhooks/:webhookId/test",
    summary: "Send a signed ping now and answer with how the delivery went",
    tag: "Webhooks",
    access: session("admin"),
    params: WebhookParams,
    response: Webhook.Delivery,
    handler: async ({ caller, params }) => Webhook.sendTest(actorOf(caller), params.webhookId),
  }),
  defineRoute({
    method: "get",
    path: "/api/webhooks/:webhookId/deliveries",
    summary: "The webhook's delivery log, newest first, with every attempt",
    tag: "Webhooks",
    access: session("admin"),
    params: WebhookParams,
    query: Webhook.DeliveryPage,
    response: Deliveries,
    handler: async ({ caller, params, query }) =>
      Webhook.deliveries(actorOf(caller), params.webhookId, query),
  }),
];
