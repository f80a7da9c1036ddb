import { createHash } from "node:crypto";
import { z } from "zod";
import { type Info as Content, get as getContent, isLive, type SuggestedText } from "../content";
import { retryOnConflict, TRY_AGAIN } from "../dynamo";
import { Errors, parseInput } from "../error";
import type { MembershipRef } from "../member";
import { loadActor } from "../member";
import { Org } from "../org";
import { Outbox } from "../outbox";
import { Runtime } from "../runtime";
import { shareAction } from "./channels";
import { destinationUrl } from "./destination";
import { Events } from "./events";
import { type ShareLinkItem, type ShareLinkTransaction, shareLinkService } from "./link.entity";
import { LinkCode, newLinkCode } from "./link-code";
import { ChannelId, HttpUrl, type ShareAction, ShareText } from "./share.schema";

export const LinkForInput = z.strictObject({
  contentId: z.string().min(1).max(64),
  channel: z.string().max(40),
  /** The member's Mastodon server (Mastodon only). */
  instance: z.string().max(253).optional(),
  /** The member's own (edited) text; a suggested text is chosen when absent. */
  text: ShareText.optional(),
});
export type LinkForInput = z.input<typeof LinkForInput>;

export const ConfirmInput = z.strictObject({
  code: LinkCode,
  /** The post's URL on the network, if the member wants to give it. */
  postUrl: z.string().max(2_000).pipe(HttpUrl).optional(),
});
export type ConfirmInput = z.input<typeof ConfirmInput>;

export const ConfirmedVia = z.enum(["member", "first_unique_click"]);
export type ConfirmedVia = z.infer<typeof ConfirmedVia>;

/** A member's tracked link as the member sees it (no orgId; it is the member's own). */
export const ShareLink = z.object({
  code: z.string(),
  contentId: z.string(),
  channel: ChannelId,
  /** What `/r/{code}` redirects to, computed once at creation and stored. */
  destination: z.string(),
  /** The campaign the link counts toward: its content's when it was made (utm_campaign). */
  campaignId: z.string().optional(),
  /** The tracked link itself: `${publicOrigin}/r/${code}`. */
  url: z.string(),
  createdAt: z.string(),
  confirmation: z
    .object({ at: z.string(), via: ConfirmedVia, postUrl: z.string().optional() })
    .optional(),
});
export type ShareLink = z.infer<typeof ShareLink>;

export interface LinkFor {
  link: ShareLink;
  action: ShareAction;
  /** The text in the action: the member's own, or the suggested text chosen for them. */
  text: string;
  /** The suggested text chosen (absent when the member gave their own, or none fits). */
  suggestedTextId?: string;
  /** True only for the call that created the link (and published `share.created`). */
  created: boolean;
}

const MAX_ATTEMPTS = 8;

const linkNotFound = () => Errors.notFound("share_link_not_found", "There is no such share link.");

/** The tracked link on the organisation's origin (one the deployment serves). */
export const trackedUrl = (org: { publicOrigin?: string | undefined }, code: string) =>
  `${Org.publicOriginOf(org)}/r/${code}`;

export function toShareLink(
  item: ShareLinkItem,
  org: { publicOrigin?: string | undefined },
): ShareLink {
  return {
    code: item.code,
    contentId: item.contentId,
    channel: item.channel,
    destination: item.destination,
    ...(item.campaignId === undefined ? {} : { campaignId: item.campaignId }),
    url: trackedUrl(org, item.code),
    createdAt: item.createdAt,
    ...(item.confirmedAt && item.confirmedVia
      ? {
          confirmation: {
            at: item.confirmedAt,
            via: item.confirmedVia,
            ...(item.postUrl ? { postUrl: item.postUrl } : {}),
          },
        }
      : {}),
  };
}

/**
 * The suggested texts that fit a channel and a language, rotated between members: each
 * member gets one of them by a hash of member and content, the same one every time.
 * Falls back to the content's language, then to the content's title.
 */
export function chooseText(
  content: Pick<Content, "contentId" | "title" | "language" | "suggestedTexts">,
  channel: ChannelId,
  memberId: string,
  language: string,
): { text: string; suggestedTextId?: string } {
  const fits = (text: SuggestedText, lang: string) =>
    (text.channel === channel || text.channel === "any") && text.language === lang;
  let candidates = content.suggestedTexts.filter((text) => fits(text, language));
  if (candidates.length === 0) {
    candidates = content.suggestedTexts.filter((text) => fits(text, content.language));
  }
  // Texts written for this channel first, then those for any channel.
  const specific = candidates.filter((text) => text.channel === channel);
  if (specific.length > 0) candidates = specific;
  if (candidates.length === 0) return { text: content.title };
  const hash = createHash("sha256").update(`${memberId}\u0000${content.contentId}`).digest();
  const chosen = candidates[hash.readUInt32BE(0) % candidates.length] as SuggestedText;
  return { text: chosen.text, suggestedTextId: chosen.id };
}

/** A live content item of the actor's organisation, or the reason it cannot be shared. */
async function shareableContent(orgId: string, contentId: string): Promise<Content> {
  const content = await getContent(orgId, contentId);
  // Members saw an archived item in their feed: say what happened to it. Drafts and
  // suggestions were never theirs to see.
  if (content.status === "archived") {
    throw Errors.gone(
      "content_archived",
      "This content has been archived and can no longer be shared.",
    );
  }
  if (content.status !== "published") {
    throw Errors.notFound("content_not_found", "There is no such content in this organisation.");
  }
  if (!isLive(content, Runtime.use().now())) {
    throw Errors.gone("content_expired", "This content is no longer available for sharing.");
  }
  return content;
}

async function readLink(code: string): Promise<ShareLinkItem | undefined> {
  const { data } = await shareLinkService().link.get({ code }).go({ consistent: true });
  return data ?? undefined;
}

async function readClaim(orgId: string, memberId: string, contentId: string, channel: ChannelId) {
  const { data } = await shareLinkService()
    .key.get({ orgId, memberId, contentId, channel })
    .go({ consistent: true });
  return data ?? undefined;
}

/** The existing link of member × content × channel, if there is one. */
async function existingLink(
  orgId: string,
  memberId: string,
  contentId: string,
  channel: ChannelId,
): Promise<ShareLinkItem | undefined> {
  const claim = await readClaim(orgId, memberId, contentId, channel);
  if (!claim) return undefined;
  const link = await readLink(claim.code);
  if (!link) throw new Error(`Share link ${claim.code} is missing for its claim`);
  return link;
}

/** `share.created` of a new link; its id is the link's, so a retry cannot make a second. */
const createdEvent = (item: ShareLinkItem) =>
  Events.Created.create(
    {
      linkCode: item.code,
      contentId: item.contentId,
      channel: item.channel,
      memberId: item.memberId,
    },
    {
      orgId: item.orgId,
      eventId: `share-created-${item.code}`,
      occurredAt: new Date(item.createdAt),
    },
  );

/**
 * Returns the member × content × channel link, creating it on first call: the claim, the
 * link and the outbox item of its `share.created` are written in one transaction (the claim
 * and link conditionally). A lost race (or a retry) reads back the winner's link; a code
 * that already exists (≈ never, 62^10 codes) is drawn again.
 */
async function obtainLink(
  orgId: string,
  memberId: string,
  contentId: string,
  channel: ChannelId,
  destination: string,
  campaignId: string | undefined,
): Promise<{ item: ShareLinkItem; created: boolean }> {
  return retryOnConflict(
    async () => {
      const existing = await existingLink(orgId, memberId, contentId, channel);
      if (existing) return { item: existing, created: false };
      const item: ShareLinkItem = {
        code: newLinkCode(),
        orgId,
        memberId,
        contentId,
        channel,
        destination,
        ...(campaignId === undefined ? {} : { campaignId }),
        createdAt: Runtime.use().now().toISOString(),
      };
      const event = createdEvent(item);
      const result = await shareLinkService()
        .service.transaction.write((tx: ShareLinkTransaction) => [
          tx.key
            .create({
              orgId,
              memberId,
              contentId,
              channel,
              code: item.code,
              createdAt: item.createdAt,
            })
            .commit(),
          tx.link.create(item).commit(),
          tx.outbox.put(Outbox.itemOf(event)).commit(),
        ])
        .go();
      // The claim failed (a concurrent call won), the code was taken, or the transactions
      // conflicted: read again, and draw a new code if nobody has claimed the link yet.
      if (result.canceled) return TRY_AGAIN;
      await Outbox.publishKept(event);
      return { item, created: true };
    },
    {
      attempts: MAX_ATTEMPTS,
      pauseMs: 20,
      conflict: () =>
        Errors.conflict("share_link_busy", "Your link could not be made just now. Try again."),
    },
  );
}

/**
 * What a member gets on tapping a channel: their tracked link for this content and channel
 * (always the same one) and the channel's share action with the link and their text.
 * Refuses an unknown channel, Mastodon without a server, and content that is not a
 * published, live item of the member's organisation, before writing anything.
 * `share.created` is written with the link (in the outbox) and published just after.
 */
export async function linkFor(actorRef: MembershipRef, input: LinkForInput): Promise<LinkFor> {
  const actor = await loadActor(actorRef);
  const {
    contentId,
    channel: channelInput,
    instance,
    text: ownText,
  } = parseInput(LinkForInput, input);
  const channel = parseInput(ChannelId, channelInput, "unknown_channel");
  const [org, content] = await Promise.all([
    Org.get(actor.orgId),
    shareableContent(actor.orgId, contentId),
  ]);
  const chosen =
    ownText === undefined
      ? chooseText(content, channel, actor.memberId, actor.locale)
      : { text: ownText };
  // The share's own Mastodon server, else the one in the member's profile.
  const server = instance ?? actor.mastodonServer;
  const actionFor = (code: string) =>
    shareAction(channel, {
      url: trackedUrl(org, code),
      text: chosen.text,
      title: content.title,
      ...(server === undefined ? {} : { instance: server }),
    });
  // Everything the action refuses (a Mastodon server, the text) is refused before writing.
  actionFor(newLinkCode());
  const destination = destinationUrl(content.url, {
    ownDomains: org.ownDomains,
    channel,
    utmMedium: org.settings.utmMedium,
    ...(content.campaignId === undefined ? {} : { campaign: content.campaignId }),
    contentId,
  });

  const { item, created } = await obtainLink(
    actor.orgId,
    actor.memberId,
    contentId,
    channel,
    destination,
    content.campaignId,
  );
  return {
    link: toShareLink(item, org),
    action: actionFor(item.code),
    text: chosen.text,
    ...(chosen.suggestedTextId ? { suggestedTextId: chosen.suggestedTextId } : {}),
    created,
  };
}

/**
 * Marks the link confirmed, once: both items under the condition that it is not confirmed
 * yet, so of two racing confirmations exactly one publishes `share.confirmed`. A link
 * already confirmed comes back as it is.
 */
async function confirmLink(
  item: ShareLinkItem,
  via: ConfirmedVia,
  postUrl: string | undefined,
): Promise<ShareLinkItem> {
  if (item.confirmedAt) return item;
  const confirmedAt = Runtime.use().now().toISOString();
  const { orgId, memberId, contentId, channel, code } = item;
  const event = Events.Confirmed.create(
    { linkCode: code, contentId, channel, memberId, via },
    { orgId, eventId: `share-confirmed-${code}`, occurredAt: new Date(confirmedAt) },
  );
  const result = await shareLinkService()
    .service.transaction.write((tx: ShareLinkTransaction) => [
      tx.link
        .patch({ code })
        .set({ confirmedAt, confirmedVia: via, ...(postUrl ? { postUrl } : {}) })
        .where((attributes, op) => op.notExists(attributes.confirmedAt))
        .commit(),
      tx.key
        .patch({ orgId, memberId, contentId, channel })
        .set({ confirmedAt, confirmedVia: via })
        .where((attributes, op) => op.notExists(attributes.confirmedAt))
        .commit(),
      tx.outbox.put(Outbox.itemOf(event)).commit(),
    ])
    .go();
  if (result.canceled) {
    const now = await readLink(code);
    if (now?.confirmedAt) return now;
    throw Errors.conflict(
      "share_link_busy",
      "The share could not be confirmed just now. Try again.",
    );
  }
  await Outbox.publishKept(event);
  return { ...item, confirmedAt, confirmedVia: via, ...(postUrl ? { postUrl } : {}) };
}

/**
 * The member says they posted it (optionally with the post's URL). Only the link's own
 * member can; anyone else's link is simply not found. A second confirmation changes nothing
 * and returns the link as it is (the first post URL stays).
 */
export async function confirm(actorRef: MembershipRef, input: ConfirmInput): Promise<ShareLink> {
  const actor = await loadActor(actorRef);
  const { code, postUrl } = parseInput(ConfirmInput, input);
  const item = await readLink(code);
  if (!item || item.orgId !== actor.orgId || item.memberId !== actor.memberId) {
    throw linkNotFound();
  }
  const org = await Org.get(actor.orgId);
  return toShareLink(await confirmLink(item, "member", postUrl), org);
}

/**
 * For the click pipeline: the link's first unique human click confirms its share, once
 * (a link the member already confirmed stays as it is). Returns the link's confirmation.
 */
export async function confirmByFirstClick(
  code: string,
): Promise<{ code: string; confirmedAt: string; via: ConfirmedVia }> {
  const parsed = LinkCode.safeParse(code);
  const item = parsed.success ? await readLink(parsed.data) : undefined;
  if (!item) throw linkNotFound();
  const confirmed = await confirmLink(item, "first_unique_click", undefined);
  return {
    code: confirmed.code,
    confirmedAt: confirmed.confirmedAt as string,
    via: confirmed.confirmedVia as ConfirmedVia,
  };
}

/**
 * The campaign a link counts toward, the one its URL names (links never change, so this is
 * the same for every event of the link); undefined for an unknown code or no campaign.
 */
export async function campaignOfLink(code: string): Promise<string | undefined> {
  return (await readLink(code))?.campaignId;
}

/** A member's links (code, content, channel, confirmation), one query on their partition. */
export async function linksOfMember(orgId: string, memberId: string) {
  const { data } = await shareLinkService()
    .key.query.byMember({ orgId, memberId })
    .go({ pages: "all", consistent: true });
  return data;
}
