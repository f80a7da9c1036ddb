import {
  clickQueue,
  type DemoActivity,
  type DemoSharers,
  type PlannedShare,
  type TakenLink,
  takeLink,
} from "./demo-activity";
import type { DemoLibrary } from "./demo-content";
import { seedConversions } from "./demo-conversions";

/** What the history did: its links, confirmations and clicks, and the people who joined. */
export interface DemoHistory extends DemoActivity {
  joins: number;
  /** Orders the demo shop reported for the history's clicks. */
  conversions: number;
}

/** The history's links taken so far, for the clicks that come on later days. */
export type HistoryLinks = Map<PlannedShare, TakenLink>;

/**
 * One day of the history, at the runtime's (set back) time: the day's links are taken,
 * then every click due that day follows, on that day's links and earlier ones. The day is
 * done before the clock moves on, so each request carries its own day.
 */
export async function seedHistoryDay(
  orgId: string,
  plan: readonly PlannedShare[],
  daysAgo: number,
  sharers: DemoSharers,
  library: DemoLibrary,
  links: HistoryLinks,
): Promise<DemoActivity & { conversions: number }> {
  const sharing = plan.filter((share) => share.daysAgo === daysAgo);
  await Promise.all(
    sharing.map(async (share) => {
      links.set(share, await takeLink(sharers[share.sharer], share, library));
    }),
  );
  const follow = clickQueue();
  let clicks = 0;
  const landed: string[] = [];
  await Promise.all(
    plan.flatMap((share) => {
      const taken = links.get(share);
      if (!taken) return [];
      return share.clicks
        .filter((click) => (share.daysAgo ?? 0) - (click.after ?? 0) === daysAgo)
        .map(async (click) => {
          const location = await follow(taken, share.channel, click);
          const sid = new URL(location).searchParams.get("sid");
          if (click.expected === "human" && sid) landed.push(sid);
          clicks++;
        });
    }),
  );
  const conversions = await seedConversions(orgId, daysAgo, landed);
  return {
    links: sharing.length,
    confirmedByMembers: sharing.filter((share) => share.confirmed).length,
    clicks,
    conversions,
  };
}
