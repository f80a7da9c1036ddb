import { Click } from "@sprida/core/click";
import type { Member } from "@sprida/core/member";
import { Share } from "@sprida/core/share";
import { FETCHER_ADDRESS, OFFICE, PREVIEW, READERS } from "./demo-clients";
import type { DemoContentKey, DemoLibrary } from "./demo-content";
import { type Client, type DemoSharer, deviceOf } from "./demo-people";

/**
 * The demo's activity: members take links the way the hub does, some say they posted, and
 * their audiences click. Every click goes through `Click.follow`, the redirect's own path,
 * so it is classified, published, ledgered and tallied like any other.
 */

/** The class the published method gives each planned request. */
export type Planned = "bot" | "self" | "internal" | "human";

export interface PlannedClick {
  expected: Planned;
  /** Whose request it is, for counting unique visitors (address and User-Agent). */
  client: Client;
  method?: string;
  secPurpose?: string;
  /** The member's own click carries the hub's signed cookie (else they are known by visitor). */
  withSelfCookie?: boolean;
  /** Days after the share it comes (absent: the same day). */
  after?: number;
}

export interface PlannedShare {
  sharer: DemoSharer;
  content: DemoContentKey;
  channel: Share.ChannelId;
  /** Days before today the link is taken (absent: today). */
  daysAgo?: number;
  /** The member says they posted it, the day they take the link (with the post's URL when given). */
  confirmed?: { postUrl?: string };
  clicks: PlannedClick[];
}

const REFERER: Partial<Record<Share.ChannelId, string>> = {
  linkedin: "https://www.linkedin.com/",
  facebook: "https://l.facebook.com/",
  x: "https://t.co/",
  bluesky: "https://bsky.app/",
};

export const read = (client: Client, after?: number): PlannedClick => ({
  expected: "human",
  client,
  ...(after ? { after } : {}),
});
export const preview = (userAgent: string): PlannedClick => ({
  expected: "bot",
  client: { address: FETCHER_ADDRESS, userAgent },
});
/** A link checker asking only for the headers. */
export const head = (client: Client): PlannedClick => ({
  expected: "bot",
  client,
  method: "HEAD",
});
/** Chrome loading the page speculatively before anyone chose it. */
export const prefetch = (client: Client): PlannedClick => ({
  expected: "bot",
  client,
  secPurpose: "prefetch;prerender",
});
export const office = (client: Client): PlannedClick => ({ expected: "internal", client });
/** The member checks their own post, the day they share it. */
export const own = (sharer: DemoSharer, withSelfCookie = true): PlannedClick => ({
  expected: "self",
  client: deviceOf(sharer),
  withSelfCookie,
});

const { anna, bo, cleo, dan, erik, fia, gus, hanna, ivar, jon, kim, lea, nils, olga } = READERS;

/**
 * Today: who shares what where, and who clicks. Some shares are confirmed by their member, others
 * by their first unique human click; two only ever see bots or nobody and stay intents.
 * Readers come back (the same visitor twice on a link is one unique click), and the same
 * reader on two links is unique on each.
 */
export const DEMO_SHARES: readonly PlannedShare[] = [
  {
    sharer: "maja",
    content: "launch",
    channel: "linkedin",
    confirmed: {
      postUrl: "https://www.linkedin.com/feed/update/urn:li:activity:7210000000000000001/",
    },
    clicks: [
      preview(PREVIEW.linkedin),
      head(bo),
      own("maja"),
      read(anna),
      read(anna),
      read(bo),
      read(cleo),
      read(dan),
      prefetch(dan),
      read(erik),
      office(OFFICE.desk),
      office(OFFICE.laptop),
      read(fia),
      own("maja", false),
    ],
  },
  {
    sharer: "maja",
    content: "report",
    channel: "facebook",
    clicks: [
      preview(PREVIEW.facebook),
      preview(PREVIEW.facebook),
      read(gus),
      read(gus),
      read(hanna),
    ],
  },
  {
    sharer: "mira",
    content: "launch",
    channel: "linkedin",
    confirmed: {},
    clicks: [
      preview(PREVIEW.linkedin),
      read(anna),
      read(ivar),
      read(jon),
      read(jon),
      office(OFFICE.desk),
      read(kim),
      own("mira"),
    ],
  },
  {
    sharer: "mira",
    content: "solar",
    channel: "bluesky",
    clicks: [preview(PREVIEW.bluesky), read(lea), read(lea), read(erik)],
  },
  {
    sharer: "adam",
    content: "developers",
    channel: "linkedin",
    confirmed: {
      postUrl: "https://www.linkedin.com/feed/update/urn:li:activity:7210000000000000002/",
    },
    clicks: [
      preview(PREVIEW.linkedin),
      head(nils),
      read(nils),
      read(olga),
      read(olga),
      read(cleo),
      read(jon),
      read(kim),
      office(OFFICE.phone),
      own("adam"),
    ],
  },
  {
    sharer: "adam",
    content: "report",
    channel: "facebook",
    clicks: [preview(PREVIEW.facebook), read(bo), read(fia), read(fia), read(hanna)],
  },
  {
    sharer: "cecilia",
    content: "circular",
    channel: "linkedin",
    confirmed: {},
    clicks: [preview(PREVIEW.linkedin), read(ivar), read(lea), read(dan), office(OFFICE.laptop)],
  },
  {
    sharer: "cecilia",
    content: "solar",
    channel: "linkedin",
    clicks: [read(anna), read(gus), read(nils)],
  },
  {
    sharer: "mats",
    content: "developers",
    channel: "linkedin",
    clicks: [
      preview(PREVIEW.linkedin),
      read(erik),
      read(erik),
      read(olga),
      prefetch(bo),
      read(bo),
      read(hanna),
    ],
  },
  {
    sharer: "mats",
    content: "launch",
    channel: "email",
    clicks: [],
  },
  {
    sharer: "milo",
    content: "industry",
    channel: "whatsapp",
    clicks: [preview(PREVIEW.whatsapp), read(kim), read(kim), read(cleo)],
  },
  {
    sharer: "moa",
    content: "solar",
    channel: "facebook",
    confirmed: {},
    clicks: [preview(PREVIEW.facebook), read(gus), read(jon)],
  },
  {
    sharer: "agnes",
    content: "launch",
    channel: "x",
    clicks: [preview(PREVIEW.x), preview(PREVIEW.slack)],
  },
];

/** What the tally should show for the plan, by the published method. */
export interface DemoTotals {
  sharesIntended: number;
  sharesConfirmed: number;
  rawClicks: number;
  botClicks: number;
  selfClicks: number;
  internalClicks: number;
  humanClicks: number;
  uniqueClicks: number;
}

const noTotals = (): DemoTotals => ({
  sharesIntended: 0,
  sharesConfirmed: 0,
  rawClicks: 0,
  botClicks: 0,
  selfClicks: 0,
  internalClicks: 0,
  humanClicks: 0,
  uniqueClicks: 0,
});

/** Days from the share to the click. */
const delayOf = (click: PlannedClick) => click.after ?? 0;

/**
 * The plan's totals per day, keyed by days before today, by the published method: a click
 * is unique if it is its reader's first human click on that link that day; a share counts
 * as intended the day its link is taken and as confirmed once, the day its member says so
 * (the day they take it) or else the day of its first unique human click.
 */
export function demoTotalsByDay(plan: readonly PlannedShare[]): Map<number, DemoTotals> {
  const days = new Map<number, DemoTotals>();
  const on = (daysAgo: number) => {
    let totals = days.get(daysAgo);
    if (!totals) {
      totals = noTotals();
      days.set(daysAgo, totals);
    }
    return totals;
  };
  for (const share of plan) {
    const shareDay = share.daysAgo ?? 0;
    on(shareDay).sharesIntended++;
    const readers = new Set<string>();
    let firstRead: number | undefined;
    for (const click of share.clicks) {
      const daysAgo = shareDay - delayOf(click);
      const totals = on(daysAgo);
      totals.rawClicks++;
      totals[`${click.expected}Clicks`]++;
      if (click.expected !== "human") continue;
      const reader = `${daysAgo}\n${click.client.address}\n${click.client.userAgent}`;
      if (readers.has(reader)) continue;
      readers.add(reader);
      totals.uniqueClicks++;
      firstRead = Math.max(firstRead ?? daysAgo, daysAgo);
    }
    const confirmedOn = share.confirmed ? shareDay : firstRead;
    if (confirmedOn !== undefined) on(confirmedOn).sharesConfirmed++;
  }
  return days;
}

/** The plan's totals over all its days. */
export function demoTotals(plan: readonly PlannedShare[] = DEMO_SHARES): DemoTotals {
  const sum = noTotals();
  for (const totals of demoTotalsByDay(plan).values()) {
    for (const key of Object.keys(sum) as (keyof DemoTotals)[]) sum[key] += totals[key];
  }
  return sum;
}

/**
 * Clicks in flight at once: enough for the bus's group commit to take them in batches, few
 * enough that none waits on a busy machine until the click path gives up on the bus.
 */
const CLICKS_AT_ONCE = 16;

/** Runs the work handed to it at most `limit` at a time, first come first served. */
function limiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

export interface DemoActivity {
  links: number;
  confirmedByMembers: number;
  clicks: number;
}

export type DemoSharers = Record<DemoSharer, Member.MembershipRef>;

/** A link taken: its code, and the self cookie its member's browser got with it. */
export interface TakenLink {
  code: string;
  selfCookie: string;
}

/**
 * Takes a share's link the way the hub's share route does besides `linkFor`: it remembers
 * the member's visitor for the day and gives their browser the signed self cookie. Then the
 * member confirms it if the plan says so.
 */
export async function takeLink(
  member: Member.MembershipRef,
  share: PlannedShare,
  library: DemoLibrary,
): Promise<TakenLink> {
  const { link } = await Share.linkFor(member, {
    contentId: library[share.content].contentId,
    channel: share.channel,
  });
  const [selfCookie] = await Promise.all([
    Click.selfCookieValue([member]),
    Click.visitorOf(member.orgId, deviceOf(share.sharer)).then((visitor) =>
      Click.rememberMemberVisitor(member.orgId, member.memberId, visitor),
    ),
  ]);
  if (share.confirmed) await Share.confirm(member, { code: link.code, ...share.confirmed });
  return { code: link.code, selfCookie };
}

/** One planned request through the redirect's own path, at the runtime's time: its location. */
export async function followPlanned(
  taken: TakenLink,
  channel: Share.ChannelId,
  click: PlannedClick,
): Promise<string> {
  const referer = click.expected === "human" ? REFERER[channel] : undefined;
  const followed = await Click.follow({
    code: taken.code,
    method: click.method ?? "GET",
    address: click.client.address,
    userAgent: click.client.userAgent,
    ...(click.secPurpose ? { secPurpose: click.secPurpose } : {}),
    ...(click.client.country ? { country: click.client.country } : {}),
    ...(referer ? { referer } : {}),
    ...(click.withSelfCookie ? { selfCookie: taken.selfCookie } : {}),
  });
  if (!followed) throw new Error(`The demo link ${taken.code} did not redirect`);
  return followed.location;
}

/** Runs many followers, a bounded number at a time. */
export function clickQueue() {
  const inTurn = limiter(CLICKS_AT_ONCE);
  return (taken: TakenLink, channel: Share.ChannelId, click: PlannedClick) =>
    inTurn(() => followPlanned(taken, channel, click));
}

/**
 * Runs today's plan. Members act at the same time: their writes never touch the same items.
 * A link's clicks queue in order, so a returning reader usually comes after their first
 * visit; which visit wins the unique marker may vary, how many are unique does not.
 */
export async function seedActivity(
  sharers: DemoSharers,
  library: DemoLibrary,
): Promise<DemoActivity> {
  const follow = clickQueue();
  let clicks = 0;
  await Promise.all(
    DEMO_SHARES.map(async (share) => {
      const taken = await takeLink(sharers[share.sharer], share, library);
      await Promise.all(
        share.clicks.map(async (click) => {
          await follow(taken, share.channel, click);
          clicks++;
        }),
      );
    }),
  );
  return {
    links: DEMO_SHARES.length,
    confirmedByMembers: DEMO_SHARES.filter((share) => share.confirmed).length,
    clicks,
  };
}
