import { z } from "zod";
import { CHANNEL_IDS } from "./channel-ids.lean";

/**
 * The share channels (design principle 4). The id is what `utm_source` carries, what a
 * member's declared network (`Member.channels`) names and what a tracked link is keyed by.
 */
export const ChannelId = z.enum(CHANNEL_IDS, { error: "Not a share channel" });
export type ChannelId = z.infer<typeof ChannelId>;
