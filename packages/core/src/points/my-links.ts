import { find as findContent } from "../content";
import type { MembershipRef } from "../member";
import { Org } from "../org";
import { linksOfMember, trackedUrl } from "../share";
import { ClickCounts, emptyCounts, Tally } from "../tally";
import type { MyLink } from "./points.schema";

const titleOf = async (orgId: string, contentId: string): Promise<string | null> =>
  (await findContent(orgId, contentId))?.title ?? null;

/** The member's tracked links with their all-time counts, newest first. */
export async function myLinks(ref: Pick<MembershipRef, "orgId" | "memberId">): Promise<MyLink[]> {
  const [org, links] = await Promise.all([
    Org.get(ref.orgId),
    linksOfMember(ref.orgId, ref.memberId),
  ]);
  const contentIds = [...new Set(links.map((link) => link.contentId))];
  const [totals, titles] = await Promise.all([
    Tally.linkTotals(
      ref.orgId,
      links.map((link) => link.code),
    ),
    Promise.all(contentIds.map((id) => titleOf(ref.orgId, id))),
  ]);
  const titleById = new Map(contentIds.map((id, index) => [id, titles[index] ?? null]));
  return links
    .map((link) => {
      const counts = totals.get(link.code) ?? emptyCounts();
      return {
        code: link.code,
        url: trackedUrl(org, link.code),
        contentId: link.contentId,
        title: titleById.get(link.contentId) ?? null,
        channel: link.channel,
        createdAt: link.createdAt,
        confirmed: link.confirmedAt !== undefined,
        ...(link.confirmedAt ? { confirmedAt: link.confirmedAt } : {}),
        counts: ClickCounts.parse(counts),
      };
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.code.localeCompare(b.code));
}
