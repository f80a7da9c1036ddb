import { z } from "zod";
import { Id } from "../schema";
import { Text } from "../text";

/** Same shape as a content item's `campaignId`, so content can name a campaign. */
export const CampaignId = Id;
const Day = z.iso.date();

export const Goal = z.strictObject({
  kind: z.enum(["confirmed_shares", "unique_clicks"]),
  target: z.number().int().min(1).max(100_000_000),
});
export type Goal = z.infer<typeof Goal>;

const fields = {
  name: Text.field({ max: 120, visible: true }),
  startDay: Day,
  endDay: Day,
  goal: Goal,
};

export const periodInOrder = {
  check: (value: { startDay?: string; endDay?: string }) =>
    !value.startDay || !value.endDay || value.endDay >= value.startDay,
  message: { message: "The end day cannot be before the start day", path: ["endDay"] },
};

export const CampaignInput = z
  .strictObject({ ...fields, campaignId: CampaignId.optional() })
  .refine(periodInOrder.check, periodInOrder.message);
export type CampaignInput = z.input<typeof CampaignInput>;

export const CampaignPatch = z.strictObject(fields).partial();
export type CampaignPatch = z.input<typeof CampaignPatch>;

export const Info = z.object({
  campaignId: z.string(),
  name: z.string(),
  /** The organisation's local days, both included. */
  startDay: z.string(),
  endDay: z.string(),
  goal: Goal,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Info = z.infer<typeof Info>;
