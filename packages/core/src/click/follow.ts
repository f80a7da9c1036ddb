import { randomUUID } from "node:crypto";
import type { OutgoingEvent } from "../event";
import { Log } from "../log";
import { keep } from "../outbox";
import { Runtime, readThrough } from "../runtime";
import { resolve } from "../share";
import { normaliseAddress } from "./address";
import { classify } from "./classify";
import { deviceClass } from "./device";
import { Events } from "./events";
import { locationFor } from "./location";
import { referrerHost } from "./referrer";
import { isSelfByCookie } from "./self-cookie";
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

type Link = Awaited<ReturnType<typeof resolve>>;

/** Links never change where they point; an unknown code is asked again sooner. */
const cachedLink = readThrough<Link>({
  ttlMs: (link) => (link ? 60_000 : 10_000),
  maxEntries: 10_000,
});

/**
 * Follows a tracked link: the stored destination (with `sid` on the organisation's own
 * domains) and one `link.clicked` published, or undefined for a code that is malformed or
 * unknown (nothing is published). Reads are cached; the publish is the only write, unless
 * the bus fails, when the event goes to the outbox. The visitor is redirected either way.
 */
export async function follow(request: FollowRequest): Promise<{ location: string } | undefined> {
  const link = await cachedLink(request.code, () => resolve(request.code));
  if (!link) return undefined;
  const settings = await clickSettings(link.orgId);
  if (!settings) return undefined;

  const at = Runtime.use().now();
  const address = normaliseAddress(request.address);
  const [selfByCookie, { visitor, addressHash, day }] = await Promise.all([
    isSelfByCookie(request.selfCookie, link.orgId, link.memberId),
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
  const event = Events.Clicked.create(
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
      await keep(event);
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
