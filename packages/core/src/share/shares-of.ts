import { getAll } from "../dynamo";
import { shareLinkService } from "./link.entity";
import { linksOfMember, type ShareLink, toShareLink } from "./links";

/**
 * A member's tracked links in full (destination, confirmation and post URL), newest first:
 * one query of their claims, then one BatchGet of the links.
 */
export async function sharesOf(
  org: { orgId: string; publicOrigin?: string | undefined },
  memberId: string,
): Promise<ShareLink[]> {
  const claims = await linksOfMember(org.orgId, memberId);
  const items = await getAll(
    claims.map(({ code }) => ({ code })),
    (keys) => shareLinkService().link.get(keys).go({ consistent: true }),
  );
  return items
    .filter((item) => item.orgId === org.orgId && item.memberId === memberId)
    .map((item) => toShareLink(item, org))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.code.localeCompare(b.code));
}

/** Who shared what through the links asked for (BatchGet by code); other organisations' are left out. */
export async function linksByCode(
  orgId: string,
  codes: string[],
): Promise<
  { code: string; memberId: string; contentId: string; channel: string; campaignId?: string }[]
> {
  const items = await getAll(
    [...new Set(codes)].map((code) => ({ code })),
    (keys) => shareLinkService().link.get(keys).go(),
  );
  return items
    .filter((item) => item.orgId === orgId)
    .map(({ code, memberId, contentId, channel, campaignId }) => ({
      code,
      memberId,
      contentId,
      channel,
      ...(campaignId === undefined ? {} : { campaignId }),
    }));
}
