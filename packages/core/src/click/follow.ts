import { randomUUID } from "node:crypto";
import type { OutgoingEvent } from "../event";
import { Log } from "../log";
import { keepLean } from "../outbox/outbox.lean";
import { Runtime, readThrough } from "../runtime";
import { LeanSecret } from "../secret/secret.lean";
import { type LinkToFollow, linkToFollow } from "../share/link.lean";
import { normaliseAddress } from "./address";
import { classify } from "./classify";
import { clickedEvent } from "./clicked.lean";
import { deviceClass } from "./device";
import { locationFor } from "./location";
import { referrerHost } from "./referrer";
import { isSelfByCookie } from "./self-cookie-check";
import { clickSettings } from "./settings";
import { visitorHash } from "./visitor";

/** A request to `/r/{code}` as the redirect hands it over. */
export interface FollowRequest {
  code: string;
  method: string;
  /** The trusted client address (socket or CloudFront-Viewer-Address); hashed, never kept. */
  address: string | undefined;
  userAgent: string;
  purpose?: string;
  secPurpose?: string;
  referer?: string;
  /** CloudFront-Viewer-Country. */
  country?: string;
  /** The `sprida_self` cookie. */
  selfCookie?: string;
}

/** How long the visitor may wait for the bus before the click goes to the outbox instead. */
export const PUBLISH_TIMEOUT_MS = 1_500;

/** Links never change where they point; an unknown code is asked again sooner. */
const cachedLink = readThrough<LinkToFollow | undefined>({
  ttlMs: (link) => (link ? 60_000 : 10_000),
  maxEntries: 10_000,
});

/**
 * Follows a tracked link: the stored destination (with `sid` on the organisation's own
 * domains) and one `link.clicked` published, or undefined for a code that is malformed or
 * unknown (nothing is published). Reads are cached; the publish is the only write, unless
 * the bus fails, when the event goes to the outbox. The visitor is redirected either way.
 *
 * Everything on this path reads and writes the table without ElectroDB (the `*.lean.ts`
 * stores, each contract-tested against its entity) and validates with zod/mini, so the
 * redirect's bundle stays small (README: Performance).
 */
export async function follow(request: FollowRequest): Promise<{ location: string } | undefined> {
  const link = await cachedLink(request.code, () => linkToFollow(request.code));
  if (!link) return undefined;
  const settings = await clickSettings(link.orgId);
  if (!settings) return undefined;

  const at = Runtime.use().now();
  const address = normaliseAddress(request.address);
  const [selfByCookie, { visitor, addressHash, day }] = await Promise.all([
    isSelfByCookie(LeanSecret, request.selfCookie, link.orgId, link.memberId),
    visitorHash({
      orgId: link.orgId,
      timeZone: settings.timeZone,
      address,
      userAgent: request.userAgent,
      at,
    }),
  ]);
  const classification = classify({
    method: request.method,
    userAgent: request.userAgent,
    purpose: request.purpose,
    secPurpose: request.secPurpose,
    address,
    selfByCookie,
    internalNetworks: settings.internalNetworks,
  });
  const referrer = referrerHost(request.referer);
  const country = request.country?.trim();
  // The click id names its link, so a conversion finds its click with one read (sid).
  const eventId = `${link.code}.${randomUUID()}`;
  const event = clickedEvent(
    {
      linkCode: link.code,
      memberId: link.memberId,
      contentId: link.contentId,
      channel: link.channel,
      class: classification.class,
      ...(classification.reason ? { reason: classification.reason } : {}),
      visitor,
      addressHash,
      day,
      ...(country && /^[A-Z]{2}$/.test(country) ? { country } : {}),
      device: deviceClass(request.userAgent),
      ...(referrer ? { referrerHost: referrer } : {}),
    },
    { orgId: link.orgId, eventId, occurredAt: at },
  );
  await deliver(event);
  return { location: locationFor(link.destination, settings.ownDomains, eventId) };
}

/** Publishes within the timeout, else keeps the event for the outbox job; never throws. */
async function deliver(event: OutgoingEvent): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Runtime.use().publisher.publish([event]),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`publish took over ${PUBLISH_TIMEOUT_MS} ms`)),
          PUBLISH_TIMEOUT_MS,
        );
      }),
    ]);
    return;
  } catch (publishError) {
    // A publish that only timed out may still land: the outbox's copy has the same id,
    // and the ledger keeps an event once.
    try {
      await keepLean(event);
      Log.warn("link.clicked kept in the outbox", {
        eventId: event.detail.metadata.eventId,
        error: publishError,
      });
    } catch (keepError) {
      // The last trace of the click; the event holds a visitor hash, never an address.
      Log.error("link.clicked lost: neither the bus nor the outbox took it", {
        event,
        publishError,
        outboxError: keepError,
      });
    }
  } finally {
    clearTimeout(timer);
  }
}
