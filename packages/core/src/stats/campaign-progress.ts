import { z } from "zod";
import { Campaign } from "../campaign";
import type { MembershipRef } from "../member";
import { Tally } from "../tally";

export const Progress = z.object({
  /** Shares confirmed within the period on links made for the campaign. */
  confirmedShares: z.number(),
  /** Unique human clicks within the period on links made for the campaign. */
  uniqueClicks: z.number(),
  /** The goal's measure against its target, 0..1 (may pass 1). */
  ratio: z.number(),
});
export type Progress = z.infer<typeof Progress>;

/**
 * Progress towards the goal, from the tally's campaign rows over the period (the
 * organisation's local days): the same rows the stats report shows. A link belongs to the
 * campaign its content was in when the link was made (its URL's utm_campaign names it),
 * so moving content to another campaign moves its future links, never past counts.
 */
export async function progress(orgId: string, campaign: Campaign.Info): Promise<Progress> {
  const rows = await Tally.countersBetween(orgId, "campaign", campaign.startDay, campaign.endDay);
  let confirmedShares = 0;
  let uniqueClicks = 0;
  for (const row of rows) {
    if (row.key !== campaign.campaignId) continue;
    confirmedShares += row.counts.sharesConfirmed;
    uniqueClicks += row.counts.uniqueClicks;
  }
  const measure = campaign.goal.kind === "confirmed_shares" ? confirmedShares : uniqueClicks;
  return { confirmedShares, uniqueClicks, ratio: measure / campaign.goal.target };
}

/** One campaign with its items and its progress towards its goal (admins). */
export async function campaignProgress(
  actorRef: MembershipRef,
  campaignId: string,
): Promise<Campaign.CampaignWithItems & { progress: Progress }> {
  const campaign = await Campaign.get(actorRef, campaignId);
  return { ...campaign, progress: await progress(actorRef.orgId, campaign) };
}
