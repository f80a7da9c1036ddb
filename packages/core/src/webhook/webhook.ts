import { randomUUID } from "node:crypto";
import { auditWrite } from "../audit";
import { Errors, parseInput } from "../error";
import { SafeFetch } from "../fetch";
import type { MembershipRef } from "../member";
import { loadAdmin } from "../member";
import { Runtime } from "../runtime";
import { newSecret } from "./signature";
import { type WebhookItem, type WebhookTransaction, webhookService } from "./webhook.entity";
import {
  RotateSecretInput,
  type RotateSecretInput as RotateSecretInputType,
  WebhookId,
  WebhookInput,
  type WebhookInput as WebhookInputType,
  WebhookPatch,
  type WebhookPatch as WebhookPatchType,
  WebhookView,
  WebhookWithSecret,
} from "./webhook.schema";
import {
  currentSecret,
  previousSecretExpiresAt,
  sealedForWrite,
  sealSecret,
} from "./webhook-secret";

export const MAX_WEBHOOKS_PER_ORG = 20;

const webhookNotFound = () =>
  Errors.notFound("webhook_not_found", "There is no such webhook in this organisation.");

/** Every delivery goes through the safe fetcher, reaching only what the runtime allowlists. */
export const fetchAllow = () => ({ hosts: Runtime.use().fetchAllowlist ?? [] });

export function toWebhook(item: WebhookItem): WebhookView {
  const overlapEnds = previousSecretExpiresAt(item, Runtime.use().now());
  return WebhookView.parse({
    webhookId: item.webhookId,
    url: item.url,
    events: item.events,
    description: item.description,
    enabled: item.enabled,
    createdBy: item.createdBy,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    ...(overlapEnds ? { previousSecretExpiresAt: overlapEnds } : {}),
  });
}

/** The stored webhook, secret included: for this domain only. */
export async function loadWebhook(orgId: string, webhookId: string): Promise<WebhookItem> {
  if (!WebhookId.safeParse(webhookId).success) throw webhookNotFound();
  const { data } = await webhookService()
    .webhook.get({ orgId, webhookId })
    .go({ consistent: true });
  if (!data) throw webhookNotFound();
  return data;
}

/**
 * Refuses an address the safe fetcher would refuse, now rather than at the first delivery:
 * its form, then every address its name resolves to (the fetcher checks again on every
 * delivery, since DNS answers change). Deliveries carry signed data, so they go over https
 * only; plain http is accepted just for the hosts the runtime allowlists (tests' and local
 * development's receivers), never in production, which sets no allowlist.
 */
async function assertDeliverable(raw: string): Promise<void> {
  const allow = fetchAllow();
  const url = new URL(raw);
  if (url.protocol !== "https:" && !SafeFetch.isAllowlisted(url, allow)) {
    throw Errors.invalid("https_required", "url: A webhook address must start with https://");
  }
  await SafeFetch.checkUrl(raw, { allow, timeoutMs: 5_000 });
}

function audit(
  tx: WebhookTransaction,
  webhook: WebhookItem,
  actorMemberId: string,
  action: string,
  extra: Record<string, string[]> = {},
) {
  // The host only: a receiver's path or query can hold a token of its own.
  const details = {
    webhookId: webhook.webhookId,
    host: new URL(webhook.url).host,
    events: webhook.events,
    enabled: webhook.enabled,
    ...extra,
  };
  return auditWrite(tx, { orgId: webhook.orgId, actorMemberId, action, details });
}

/** Registers an endpoint; the answer holds its secret, which is never shown again. */
export async function create(
  actorRef: MembershipRef,
  input: WebhookInputType,
): Promise<WebhookWithSecret> {
  const actor = await loadAdmin(actorRef);
  const fields = parseInput(WebhookInput, input);
  const existing = await webhooksOf(actor.orgId);
  if (existing.length >= MAX_WEBHOOKS_PER_ORG) {
    throw Errors.conflict(
      "too_many_webhooks",
      `An organisation can have at most ${MAX_WEBHOOKS_PER_ORG} webhooks. Delete one first.`,
    );
  }
  await assertDeliverable(fields.url);
  const now = Runtime.use().now().toISOString();
  const ids = { orgId: actor.orgId, webhookId: randomUUID() };
  const secret = newSecret();
  const item: WebhookItem = {
    ...ids,
    url: fields.url,
    events: fields.events,
    ...(fields.description ? { description: fields.description } : {}),
    enabled: fields.enabled,
    secret: await sealSecret(ids, secret, "current"),
    createdBy: actor.memberId,
    createdAt: now,
    updatedAt: now,
    revision: 1,
  };
  const result = await webhookService()
    .service.transaction.write((tx: WebhookTransaction) => [
      tx.webhook.create(item).commit(),
      audit(tx, item, actor.memberId, "webhook.created"),
    ])
    .go();
  if (result.canceled) throw new Error(`Could not create webhook ${item.webhookId}`);
  return WebhookWithSecret.parse({ ...toWebhook(item), secret });
}

/** Every webhook of an organisation, stored form (one query on its partition). */
export async function webhooksOf(orgId: string): Promise<WebhookItem[]> {
  const { data } = await webhookService()
    .webhook.query.byOrg({ orgId })
    .go({ pages: "all", consistent: true });
  return data;
}

export async function list(actorRef: MembershipRef): Promise<WebhookView[]> {
  const actor = await loadAdmin(actorRef);
  const items = await webhooksOf(actor.orgId);
  return items.map(toWebhook).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function get(actorRef: MembershipRef, webhookId: string): Promise<WebhookView> {
  const actor = await loadAdmin(actorRef);
  return toWebhook(await loadWebhook(actor.orgId, webhookId));
}

export async function update(
  actorRef: MembershipRef,
  webhookId: string,
  patch: WebhookPatchType,
): Promise<WebhookView> {
  const actor = await loadAdmin(actorRef);
  const changes = parseInput(WebhookPatch, patch);
  const current = await loadWebhook(actor.orgId, webhookId);
  if (changes.url !== undefined && changes.url !== current.url) {
    await assertDeliverable(changes.url);
  }
  const { description, ...rest } = changes;
  const next: WebhookItem = await sealedForWrite({
    ...current,
    ...rest,
    updatedAt: Runtime.use().now().toISOString(),
    revision: current.revision + 1,
  });
  if (description !== undefined) {
    if (description === "") delete next.description;
    else next.description = description;
  }
  const changed = Object.keys(changes).sort();
  await write(next, current.revision, (tx) =>
    audit(tx, next, actor.memberId, "webhook.updated", { changed }),
  );
  return toWebhook(next);
}

/** Replaces the webhook, with its audit entry, if nobody changed it since it was read. */
async function write(
  next: WebhookItem,
  readRevision: number,
  entry: (tx: WebhookTransaction) => ReturnType<typeof audit>,
): Promise<void> {
  const result = await webhookService()
    .service.transaction.write((tx: WebhookTransaction) => [
      tx.webhook
        .put(next)
        .where((attributes, op) => op.eq(attributes.revision, readRevision))
        .commit(),
      entry(tx),
    ])
    .go();
  if (result.canceled) {
    throw Errors.conflict("webhook_busy", "This webhook was changed at the same time. Try again.");
  }
}

export async function remove(actorRef: MembershipRef, webhookId: string): Promise<void> {
  const actor = await loadAdmin(actorRef);
  const current = await loadWebhook(actor.orgId, webhookId);
  const result = await webhookService()
    .service.transaction.write((tx: WebhookTransaction) => [
      tx.webhook
        .delete({ orgId: current.orgId, webhookId })
        .where((attributes, op) => op.eq(attributes.revision, current.revision))
        .commit(),
      audit(tx, current, actor.memberId, "webhook.deleted"),
    ])
    .go();
  if (result.canceled) {
    throw Errors.conflict("webhook_busy", "This webhook was changed at the same time. Try again.");
  }
}

/**
 * A new secret: every delivery from now on, retries of earlier events included, is signed
 * with it. For `overlapHours` the secret it replaces signs them too (a second `v1`), so a
 * receiver can switch to the new one without refusing a delivery; a secret replaced earlier
 * stops signing at once. The answer is the only time the new secret is shown.
 */
export async function rotateSecret(
  actorRef: MembershipRef,
  webhookId: string,
  input: RotateSecretInputType = {},
): Promise<WebhookWithSecret> {
  const actor = await loadAdmin(actorRef);
  const { overlapHours } = parseInput(RotateSecretInput, input);
  const current = await loadWebhook(actor.orgId, webhookId);
  const now = Runtime.use().now();
  const secret = newSecret();
  const { previousSecret: _dropped, previousSecretExpiresAt: _until, ...kept } = current;
  const next: WebhookItem = {
    ...kept,
    secret: await sealSecret(current, secret, "current"),
    updatedAt: now.toISOString(),
    revision: current.revision + 1,
  };
  if (overlapHours > 0) {
    next.previousSecret = await sealSecret(current, await currentSecret(current), "previous");
    next.previousSecretExpiresAt = new Date(now.getTime() + overlapHours * 3_600_000).toISOString();
  }
  await write(next, current.revision, (tx) =>
    audit(tx, next, actor.memberId, "webhook.secret_rotated", {
      overlapHours: [String(overlapHours)],
    }),
  );
  return WebhookWithSecret.parse({ ...toWebhook(next), secret });
}
