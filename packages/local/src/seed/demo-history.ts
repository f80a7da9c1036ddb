import { addDays, isoWeekday } from "@sprida/core/day";
import type { Share } from "@sprida/core/share";
import {
  DEMO_SHARES,
  head,
  office,
  own,
  type PlannedClick,
  type PlannedShare,
  prefetch,
  preview,
  read,
} from "./demo-activity";
import { AUDIENCE, OFFICE, PREVIEW } from "./demo-clients";
import { campaignRunning, DEMO_CONTENT, type DemoContentKey, demoItem } from "./demo-content";
import { type DemoSharer, personOf, SHARERS } from "./demo-people";
import { type SeededRandom, seededRandom } from "./demo-random";

/** The history's first day of shares, in days before today; the founders join the day before. */
export const HISTORY_DAYS = 89;
/** Fixed, so every first start plays the same history. */
const SEED = 20261204;

/** Preview fetchers of the channels that unfurl links. */
const PREVIEWER: Partial<Record<Share.ChannelId, string>> = {
  linkedin: PREVIEW.linkedin,
  facebook: PREVIEW.facebook,
  x: PREVIEW.x,
  bluesky: PREVIEW.bluesky,
  whatsapp: PREVIEW.whatsapp,
  threads: PREVIEW.facebook,
};

/** Channels read by a few close contacts rather than a feed. */
const CLOSE_CHANNELS = new Set<string>(["email", "whatsapp", "telegram"]);

/** How many days after a post its readers come: most the same day, a tail over three more. */
const DELAY: readonly (readonly [number, number])[] = [
  [0, 0.55],
  [1, 0.25],
  [2, 0.12],
  [3, 0.08],
];

const isWeekend = (day: string) => isoWeekday(day) >= 6;
const joinedDaysAgo = (sharer: DemoSharer) => personOf(sharer).joined?.daysAgo ?? 0;
const shareKey = (share: Pick<PlannedShare, "sharer" | "content" | "channel">) =>
  `${share.sharer}|${share.content}|${share.channel}`;

/**
 * Three months of shares and clicks before today, the same every time for the same today:
 * a few shares on weekdays and hardly any at weekends, more (and more read) while a campaign
 * runs, by the members who had joined by then, of the items published by then, on the
 * channels in their profiles. Readers come over the days after a post (fewer at weekends),
 * some twice; preview fetchers, link checkers, prefetches, colleagues at the office and the
 * members themselves click too. Nothing lands on today (today's plan is `DEMO_SHARES`), and
 * no link is taken twice (a member's link for an item and channel is always the same one).
 */
export function historyPlan(today: string): PlannedShare[] {
  const random = seededRandom(SEED);
  const taken = new Set(DEMO_SHARES.map(shareKey));
  const plan: PlannedShare[] = [];
  for (let daysAgo = HISTORY_DAYS; daysAgo >= 1; daysAgo--) {
    const day = addDays(today, -daysAgo);
    const campaign = campaignRunning(daysAgo);
    let count = isWeekend(day) ? random.between(0, 1) : random.between(2, 4);
    if (campaign) count = count * 2 + 1;
    for (let made = 0, tries = 0; made < count && tries < count * 6; tries++) {
      const share = drawShare(random, daysAgo, campaign);
      if (!share || taken.has(shareKey(share))) continue;
      taken.add(shareKey(share));
      share.clicks = drawClicks(random, today, share, campaign !== undefined);
      plan.push(share);
      made++;
    }
  }
  return plan;
}

function drawShare(
  random: SeededRandom,
  daysAgo: number,
  campaign: string | undefined,
): PlannedShare | undefined {
  const sharers = SHARERS.filter((sharer) => joinedDaysAgo(sharer) >= daysAgo);
  const items = (Object.keys(DEMO_CONTENT) as DemoContentKey[]).filter(
    (key) => DEMO_CONTENT[key].publishedDaysAgo >= daysAgo,
  );
  if (sharers.length === 0 || items.length === 0) return undefined;
  // Those who chose to be named are the keenest; a campaign's items and fresh news go first.
  const sharer = random.weighted(
    sharers.map((key) => [key, personOf(key).joined?.named ? 2.5 : 1] as const),
  );
  const content = random.weighted(
    items.map((key) => {
      const item = demoItem(key);
      const fresh = item.publishedDaysAgo - daysAgo <= 10 ? 2 : 0;
      const inCampaign = campaign !== undefined && item.input.campaignId === campaign ? 6 : 0;
      return [key, 1 + fresh + inCampaign] as const;
    }),
  );
  const channels = Object.keys(personOf(sharer).joined?.channels ?? {}) as Share.ChannelId[];
  return {
    sharer,
    content,
    channel: random.pick(channels),
    daysAgo,
    ...(random.chance(0.45) ? { confirmed: {} } : {}),
    clicks: [],
  };
}

function drawClicks(
  random: SeededRandom,
  today: string,
  share: PlannedShare,
  inCampaign: boolean,
): PlannedClick[] {
  const shareDaysAgo = share.daysAgo ?? 0;
  const clicks: PlannedClick[] = [];
  const previewer = PREVIEWER[share.channel];
  if (previewer) clicks.push(preview(previewer));
  if (random.chance(0.3)) clicks.push(own(share.sharer));
  if (random.chance(0.08)) clicks.push(own(share.sharer, false));
  if (random.chance(0.25)) clicks.push(office(random.pick(Object.values(OFFICE))));
  if (random.chance(0.08)) clicks.push(head(random.pick(AUDIENCE)));
  const readers = CLOSE_CHANNELS.has(share.channel)
    ? random.between(0, 3)
    : Math.round(random.between(1, 6) * (inCampaign ? 1.6 : 1));
  for (let index = 0; index < readers; index++) {
    const reader = random.pick(AUDIENCE);
    const after = random.weighted(DELAY);
    // History ends yesterday; weekends are quieter.
    if (after >= shareDaysAgo) continue;
    if (isWeekend(addDays(today, after - shareDaysAgo)) && random.chance(0.5)) continue;
    if (random.chance(0.06)) clicks.push({ ...prefetch(reader), after });
    clicks.push(read(reader, after));
    if (random.chance(0.15)) clicks.push(read(reader, after));
  }
  return clicks.sort((a, b) => (a.after ?? 0) - (b.after ?? 0));
}
