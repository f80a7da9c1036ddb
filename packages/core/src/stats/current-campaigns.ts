import type { z } from "zod";
import { Campaign } from "../campaign";
import type { MembershipRef } from "../member";
import { localToday } from "../points";
import { Progress, progress } from "./campaign-progress";

/** A campaign as the member hub shows it: what it asks for and how far it has come. */
export const CurrentCampaign = Campaign.Info.pick({
  campaignId: true,
  name: true,
  goal: true,
  startDay: true,
  endDay: true,
}).extend({ progress: Progress });
export type CurrentCampaign = z.infer<typeof CurrentCampaign>;

/**
 * The campaigns of the member's organisation running today (the organisation's local day),
 * each with its progress; the one ending soonest first, then by name.
 */
export async function currentCampaigns(actorRef: MembershipRef): Promise<CurrentCampaign[]> {
  const { day } = await localToday(actorRef.orgId);
  const running = await Campaign.runningOn(actorRef, day);
  const campaigns = await Promise.all(
    running.map(async (campaign) => ({
      campaignId: campaign.campaignId,
      name: campaign.name,
      goal: campaign.goal,
      startDay: campaign.startDay,
      endDay: campaign.endDay,
      progress: await progress(actorRef.orgId, campaign),
    })),
  );
  return campaigns.sort((a, b) => a.endDay.localeCompare(b.endDay) || a.name.localeCompare(b.name));
}
