import { randomUUID } from "node:crypto";
import { DomainError, Errors, isConditionalCheckFailure, parseInput } from "../error";
import { SafeFetch } from "../fetch";
import { Log } from "../log";
import type { MembershipRef } from "../member";
import { loadAdmin } from "../member";
import { Runtime } from "../runtime";
import { sign } from "./signature";
import { fetchAllow, loadWebhook, webhooksOf } from "./webhook";
import { type DeliveryItem, DUE_GROUP, type WebhookItem, webhookService } from "./webhook.entity";
import {
  Delivery,
  type DeliveryAttempt,
  DeliveryPage,
  type DeliveryPage as DeliveryPageType,
  type DeliveryType,
  type LedgeredEvent,
  LedgeredEvent as LedgeredEventSchema,
  type Payload,
  payloadData,
  WebhookEvent,
} from "./webhook.schema";
import { signingSecrets } from "./webhook-secret";

/**
 * Waits after the 1st, 2nd... failed attempt; when the attempt after the last wait fails
 * too, the delivery has failed for good. The retry job runs on the 15-minute tick, so the
 * shorter waits are in effect rounded up to the next tick.
 */
export const BACKOFF_MS = [1, 5, 15, 60, 240, 720].map((minutes) => minutes * 60_000);

/** How long a sender holds a delivery; a sender that dies leaves it due again after this. */
const CLAIM_MS = 2 * 60_000;
const KEEP_SECONDS = 30 * 24 * 60 * 60;
const SEND = { timeoutMs: 5_000, maxBytes: 16 * 1024 };
const MAX_ERROR_LENGTH = 300;
/** Due deliveries one query of the retry job reads at most (earliest due first). */
export const MAX_RETRIES_PER_RUN = 500;
const CONCURRENCY = 8;

/**
 * What one stream batch or job run shares: each organisation's webhooks read once, and the
 * endpoints that already failed, which are not tried again in the same run (their other
 * deliveries record a failed attempt and wait for the backoff), so one dead endpoint costs
 * one timeout per run, not one per event.
 */
export interface DeliveryRun {
  webhooks: Map<string, Promise<WebhookItem[]>>;
  failing: Map<string, string>;
}

export function newRun(): DeliveryRun {
  return { webhooks: new Map(), failing: new Map() };
}

const iso = (ms: number) => new Date(ms).toISOString();
const nowMs = () => Runtime.use().now().getTime();
const expiry = (ms: number) => Math.floor(ms / 1000) + KEEP_SECONDS;

export function toDelivery(item: DeliveryItem): Delivery {
  return Delivery.parse({
    deliveryId: item.deliveryId,
    webhookId: item.webhookId,
    eventId: item.eventId,
    type: item.type,
    status: item.status,
    attempts: item.attempts,
    nextAttemptAt: item.status === "pending" ? item.nextAttemptAt : undefined,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  });
}

/**
 * Sends a counted event to every enabled webhook of its organisation subscribed to it, once
 * per webhook: a delivery is created conditionally before it is sent, so a replayed stream
 * record finds it and sends nothing. An endpoint that fails never makes this throw: its
 * delivery waits for a retry. It throws only when storage fails (the record is retried) or
 * the event's properties are not what its name promises.
 */
export async function deliverEvent(
  event: LedgeredEvent,
  run: DeliveryRun = newRun(),
): Promise<{ webhooks: number; sent: number; duplicates: number }> {
  const parsed = LedgeredEventSchema.parse(event);
  const name = WebhookEvent.safeParse(parsed.name);
  if (!name.success) return { webhooks: 0, sent: 0, duplicates: 0 };
  let webhooks = run.webhooks.get(parsed.orgId);
  if (!webhooks) {
    webhooks = webhooksOf(parsed.orgId);
    run.webhooks.set(parsed.orgId, webhooks);
  }
  const subscribed = (await webhooks).filter(
    (webhook) => webhook.enabled && webhook.events.includes(name.data),
  );
  if (subscribed.length === 0) return { webhooks: 0, sent: 0, duplicates: 0 };
  const data = payloadData(name.data, parsed.properties);
  const outcomes = await Promise.all(
    subscribed.map((webhook) =>
      start(
        webhook,
        { eventId: parsed.eventId, type: name.data, occurredAt: parsed.occurredAt, data },
        run,
      ),
    ),
  );
  return {
    webhooks: subscribed.length,
    sent: outcomes.filter((outcome) => outcome !== "duplicate").length,
    duplicates: outcomes.filter((outcome) => outcome === "duplicate").length,
  };
}

interface Occurrence {
  eventId: string;
  type: DeliveryType;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** Creates the delivery (held by this sender for a moment) and makes its first attempt. */
async function start(
  webhook: WebhookItem,
  occurrence: Occurrence,
  run: DeliveryRun,
): Promise<DeliveryItem | "duplicate"> {
  const now = nowMs();
  const item: DeliveryItem = {
    orgId: webhook.orgId,
    webhookId: webhook.webhookId,
    ...occurrence,
    deliveryId: randomUUID(),
    status: "pending",
    attempts: [],
    attemptCount: 0,
    nextAttemptAt: iso(now + CLAIM_MS),
    createdAt: iso(now),
    updatedAt: iso(now),
    dueGroup: DUE_GROUP,
    expiresAt: expiry(now),
  };
  try {
    await webhookService().delivery.create(item).go({ response: "none" });
  } catch (error) {
    if (isConditionalCheckFailure(error)) return "duplicate";
    throw error;
  }
  return attempt(webhook, item, run);
}

/** Sends once and records the attempt; a failure schedules the next one, or ends it. */
async function attempt(
  webhook: WebhookItem,
  item: DeliveryItem,
  run: DeliveryRun,
): Promise<DeliveryItem> {
  const number = item.attemptCount + 1;
  const earlier = run.failing.get(webhook.webhookId);
  const result: Omit<DeliveryAttempt, "attempt" | "at"> =
    earlier === undefined
      ? await send(webhook, item, number)
      : {
          outcome: "failed",
          durationMs: 0,
          error: truncate(`Not sent: the endpoint failed moments ago (${earlier})`),
        };
  if (result.outcome === "failed" && earlier === undefined) {
    run.failing.set(webhook.webhookId, result.error ?? "failed");
  }
  const at = nowMs();
  const final = item.type === "ping" || number > BACKOFF_MS.length;
  const status =
    result.outcome === "delivered" ? "delivered" : final ? "failed" : ("pending" as const);
  const next: DeliveryItem = {
    ...item,
    status,
    attempts: [
      ...(item.attempts as DeliveryAttempt[]),
      { attempt: number, at: iso(at), ...result },
    ],
    attemptCount: number,
    updatedAt: iso(at),
    expiresAt: expiry(at),
  };
  if (status === "pending") next.nextAttemptAt = iso(at + (BACKOFF_MS[number - 1] ?? 0));
  await replace(item, next);
  return next;
}

/**
 * Writes the delivery's new state unless another sender changed it since `read`: recorded an
 * attempt, or claimed it (a claim moves `nextAttemptAt`).
 */
async function replace(read: DeliveryItem, next: DeliveryItem): Promise<boolean> {
  try {
    await webhookService()
      .delivery.put(next)
      .where((attributes, op) =>
        [
          op.eq(attributes.attemptCount, read.attemptCount),
          op.eq(attributes.status, read.status),
          op.eq(attributes.nextAttemptAt, read.nextAttemptAt),
        ].join(" AND "),
      )
      .go({ response: "none" });
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}

/** The JSON body; the same bytes on every attempt, whichever secret signs them. */
function payloadOf(item: DeliveryItem): string {
  const payload: Payload = {
    id: item.eventId,
    type: item.type as DeliveryType,
    occurredAt: item.occurredAt,
    organisationId: item.orgId,
    data: item.data as Record<string, unknown>,
  };
  return JSON.stringify(payload);
}

async function send(
  webhook: WebhookItem,
  item: DeliveryItem,
  number: number,
): Promise<Omit<DeliveryAttempt, "attempt" | "at">> {
  const body = payloadOf(item);
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  try {
    const answer = await SafeFetch.fetchUrl(webhook.url, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "sprida-webhook-id": webhook.webhookId,
        "sprida-delivery-id": item.deliveryId,
        "sprida-event": item.type,
        "sprida-attempt": String(number),
        "sprida-signature": sign(await signingSecrets(webhook), body, Runtime.use().now()),
      },
      ...SEND,
      overflow: "truncate",
      maxRedirects: 0,
      allow: fetchAllow(),
    });
    if (answer.status >= 200 && answer.status < 300) {
      return { outcome: "delivered", httpStatus: answer.status, durationMs: durationMs() };
    }
    return {
      outcome: "failed",
      httpStatus: answer.status,
      durationMs: durationMs(),
      error: `The endpoint answered ${answer.status}`,
    };
  } catch (error) {
    if (!(error instanceof DomainError)) {
      Log.error("webhook send failed", {
        deliveryId: item.deliveryId,
        error,
      });
    }
    return {
      outcome: "failed",
      durationMs: durationMs(),
      error: truncate(
        error instanceof DomainError ? error.message : "The delivery could not be sent",
      ),
    };
  }
}

const truncate = (text: string) =>
  text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;

/** Sends a `ping` at once (admins), enabled or not, and answers with how it went. */
export async function sendTest(actorRef: MembershipRef, webhookId: string): Promise<Delivery> {
  const actor = await loadAdmin(actorRef);
  const webhook = await loadWebhook(actor.orgId, webhookId);
  const occurrence: Occurrence = {
    eventId: randomUUID(),
    type: "ping",
    occurredAt: Runtime.use().now().toISOString(),
    data: { webhookId: webhook.webhookId },
  };
  const delivered = await start(webhook, occurrence, newRun());
  if (delivered === "duplicate") throw new Error("A fresh ping id was already taken");
  return toDelivery(delivered);
}

/** A webhook's delivery log, newest first (admins). */
export async function deliveries(
  actorRef: MembershipRef,
  webhookId: string,
  page: DeliveryPageType = {},
): Promise<{ deliveries: Delivery[]; cursor: string | null }> {
  const actor = await loadAdmin(actorRef);
  const { limit, cursor } = parseInput(DeliveryPage, page);
  const webhook = await loadWebhook(actor.orgId, webhookId);
  try {
    const result = await webhookService()
      .delivery.query.recent({ orgId: webhook.orgId, webhookId: webhook.webhookId })
      .go({ order: "desc", count: limit, cursor: cursor ?? null });
    return { deliveries: result.data.map(toDelivery), cursor: result.cursor };
  } catch (error) {
    if (cursor) throw Errors.invalid("invalid_cursor", "The page cursor is not valid.");
    throw error;
  }
}

/** Pending deliveries due at `now`, earliest first, of one organisation or of all. */
async function dueDeliveries(now: Date, orgId?: string) {
  const query = webhookService()
    .delivery.query.due({ dueGroup: DUE_GROUP })
    .lte({ nextAttemptAt: now.toISOString() });
  const filtered = orgId ? query.where((a, op) => op.eq(a.orgId, orgId)) : query;
  return (await filtered.go({ count: MAX_RETRIES_PER_RUN, order: "asc" })).data;
}

/**
 * The organisations with a delivery due for a retry: one query on the `due` index finds
 * them, and each gets a unit of the `webhook-retry` job.
 */
export async function orgsWithDue({ now }: { now: Date }): Promise<string[]> {
  return [...new Set((await dueDeliveries(now)).map((item) => item.orgId))];
}

/**
 * One organisation's unit of the `webhook-retry` job: its pending deliveries whose time has
 * come, earliest first. Each is claimed with a conditional write first, so overlapping runs
 * (or the stream's own first attempt) never send it twice at once. The webhook is read again:
 * a deleted or disabled one's deliveries are dropped, and a rotated secret signs the retry.
 */
export async function retryDue({ orgId, now }: { orgId: string; now: Date }) {
  const due = await dueDeliveries(now, orgId);
  const run = newRun();
  const found = new Map<string, Promise<WebhookItem | undefined>>();
  const webhookOf = (item: DeliveryItem) => {
    const key = `${item.orgId}/${item.webhookId}`;
    let webhook = found.get(key);
    if (!webhook) {
      webhook = loadWebhook(item.orgId, item.webhookId).catch((error: unknown) => {
        if (error instanceof DomainError && error.kind === "not_found") return undefined;
        throw error;
      });
      found.set(key, webhook);
    }
    return webhook;
  };
  const counts = { due: due.length, delivered: 0, retrying: 0, failed: 0, dropped: 0, skipped: 0 };
  const queue = [...due];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      try {
        const claimed: DeliveryItem = { ...item, nextAttemptAt: iso(nowMs() + CLAIM_MS) };
        if (item.status !== "pending" || !(await replace(item, claimed))) {
          counts.skipped++;
          continue;
        }
        const webhook = await webhookOf(item);
        if (!webhook?.enabled) {
          const dropped: DeliveryItem = { ...claimed, status: "dropped", updatedAt: iso(nowMs()) };
          if (await replace(claimed, dropped)) counts.dropped++;
          continue;
        }
        const next = await attempt(webhook, claimed, run);
        if (next.status === "delivered") counts.delivered++;
        else if (next.status === "failed") counts.failed++;
        else counts.retrying++;
      } catch (error) {
        // A storage failure on one delivery: it stays due, and the others go on.
        Log.error("webhook retry failed", {
          deliveryId: item.deliveryId,
          error,
        });
        counts.skipped++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return counts;
}
