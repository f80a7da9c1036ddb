import { z } from "zod";

/**
 * The share channels (design principle 4). The id is what `utm_source` carries, what a
 * member's declared network (`Member.channels`) names and what a tracked link is keyed by.
 */
export const ChannelId = z.enum(
  [
    "linkedin",
    "x",
    "facebook",
    "xing",
    "whatsapp",
    "telegram",
    "reddit",
    "bluesky",
    "mastodon",
    "threads",
    "email",
    "instagram",
    "snapchat",
    "tiktok",
    "copy",
  ],
  { error: "Not a share channel" },
);
export type ChannelId = z.infer<typeof ChannelId>;
