import { Errors } from "../error";
import { campaignService } from "./campaign.entity";

/**
 * Refuses a `campaignId` that names no campaign of this organisation (another
 * organisation's campaign is simply unknown here). Content calls it before it stores one.
 */
export async function assertCampaignExists(orgId: string, campaignId: string): Promise<void> {
  const { data } = await campaignService()
    .campaign.get({ orgId, campaignId })
    .go({ consistent: true, attributes: ["campaignId"] });
  if (!data) {
    throw Errors.invalid(
      "campaign_not_found",
      `campaignId: there is no campaign ${campaignId} in this organisation.`,
    );
  }
}
