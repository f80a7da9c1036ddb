/**
 * The share channels' ids (design principle 4), without zod: what `utm_source` carries, what a
 * member's declared network (`Member.channels`) names and what a tracked link is keyed by.
 * `ChannelId` (./channel.ts) is the schema; the redirect's lean path checks against this list.
 */
export const CHANNEL_IDS = [
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
] as const;
