import { DomainError, Errors, parseInput } from "../error";
import { loadActor, type MembershipRef } from "../member";
import { mayCurate } from "./access";
import { contentService, fromItem } from "./content.entity";
import {
  type Info as Content,
  ListContentQuery,
  type ListContentQuery as ListContentQueryInput,
} from "./content.schema";
import { loadContent } from "./store";

/** One item of the organisation; another organisation's item is simply not found. */
export async function get(orgId: string, contentId: string): Promise<Content> {
  return (await loadContent(orgId, contentId)).content;
}

/** The item, or undefined when there is none (deleted, or another organisation's). */
export async function find(orgId: string, contentId: string): Promise<Content | undefined> {
  try {
    return await get(orgId, contentId);
  } catch (error) {
    if (error instanceof DomainError && error.kind === "not_found") return undefined;
    throw error;
  }
}

/** The organisation's library (every status), filtered; one query on its partition. */
export async function list(
  orgId: string,
  query: ListContentQueryInput = {},
): Promise<{ items: Content[]; cursor: string | null }> {
  const { status, topic, awaitingApproval, campaignId, limit, cursor } = parseInput(
    ListContentQuery,
    query,
  );
  try {
    const result = await contentService()
      .content.query.byOrg({ orgId })
      .where((attributes, op) =>
        [
          status && op.eq(attributes.status, status),
          topic && op.contains(attributes.topics, topic),
          awaitingApproval !== undefined && op.eq(attributes.awaitingApproval, awaitingApproval),
          campaignId && op.eq(attributes.campaignId, campaignId),
        ]
          .filter(Boolean)
          .join(" AND "),
      )
      .go({ count: limit, cursor: cursor ?? null });
    return { items: result.data.map((item) => fromItem(item).content), cursor: result.cursor };
  } catch (error) {
    if (cursor) throw Errors.invalid("invalid_cursor", "The page cursor is not valid.");
    throw error;
  }
}

/**
 * The ids of the organisation's content in one campaign: the content's own `campaignId` is
 * the one record of which campaign an item is in, so a campaign's items are read, not kept.
 */
export async function idsInCampaign(orgId: string, campaignId: string): Promise<string[]> {
  const { data } = await contentService()
    .content.query.byOrg({ orgId })
    .where((attributes, op) => op.eq(attributes.campaignId, campaignId))
    .go({ pages: "all", attributes: ["contentId"] });
  return data.map((item) => item.contentId);
}

/**
 * The library as the caller may curate it: all of it for admins; for a curator, the items
 * whose topics are all theirs (a page may then hold fewer than asked; its cursor goes on).
 */
export async function listFor(
  actorRef: MembershipRef,
  query: ListContentQueryInput = {},
): Promise<{ items: Content[]; cursor: string | null }> {
  const [actor, page] = await Promise.all([loadActor(actorRef), list(actorRef.orgId, query)]);
  return { ...page, items: page.items.filter((item) => mayCurate(actor, item.topics)) };
}
