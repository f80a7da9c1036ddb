import { Click } from "@sprida/core/click";
import type { Member } from "@sprida/core/member";
import { Share } from "@sprida/core/share";
import type { DemoContentKey, DemoLibrary } from "./demo-content";

/**
 * The demo's first day of activity: members take links the way the hub does, a few say they
 * posted, and their audiences click. Every click goes through `Click.follow`, the redirect's
 * own path, so it is classified, published, ledgered and tallied like any other. Addresses
 * are documentation ranges only (RFC 5737, RFC 3849); 192.0.2.0/24 is the demo's office.
 */

/** A browser: where it connects from and what it says it is. */
interface Client {
  address: string;
  userAgent: string;
  country?: string;
}

const UA = {
  chromeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  edgeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87",
  safariMac:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  firefoxLinux: "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
  safariIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  chromeAndroid:
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
  samsungAndroid:
    "Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
  linkedinAppIos:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.30.1",
  facebookAppIos:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.35.109;FBBV/612436180;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.5;FBSS/3;FBCR/;FBID/phone;FBLC/sv_SE;FBOP/5]",
} as const;

/** Link-preview fetchers, each from its network's own client string. */
const PREVIEW = {
  linkedin: "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
  facebook: "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
  x: "Twitterbot/1.0",
  slack: "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
  whatsapp: "WhatsApp/2.24.12.78 A",
  bluesky: "Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)",
} as const;

/** People outside the organisation who read the posts. */
const READERS = {
  anna: { address: "203.0.113.10", userAgent: UA.linkedinAppIos, country: "SE" },
  bo: { address: "203.0.113.24", userAgent: UA.chromeWindows, country: "SE" },
  cleo: { address: "198.51.100.7", userAgent: UA.safariMac, country: "NO" },
  dan: { address: "198.51.100.42", userAgent: UA.chromeAndroid, country: "DK" },
  erik: { address: "2001:db8:1::17", userAgent: UA.firefoxLinux, country: "SE" },
  fia: { address: "203.0.113.77", userAgent: UA.edgeWindows, country: "FI" },
  gus: { address: "198.51.100.150", userAgent: UA.facebookAppIos, country: "SE" },
  hanna: { address: "2001:db8:4a::3", userAgent: UA.samsungAndroid, country: "DE" },
  ivar: { address: "203.0.113.131", userAgent: UA.safariIphone, country: "SE" },
  jon: { address: "198.51.100.88", userAgent: UA.linkedinAppIos, country: "GB" },
  kim: { address: "2001:db8:77::2a", userAgent: UA.chromeWindows, country: "US" },
  lea: { address: "203.0.113.190", userAgent: UA.safariMac, country: "SE" },
  nils: { address: "198.51.100.23", userAgent: UA.edgeWindows, country: "SE" },
  olga: { address: "203.0.113.55", userAgent: UA.chromeAndroid, country: "NO" },
} satisfies Record<string, Client>;

/** Colleagues at the office (the demo's internal network, 192.0.2.0/24). */
const OFFICE = {
  desk: { address: "192.0.2.10", userAgent: UA.chromeWindows },
  laptop: { address: "192.0.2.33", userAgent: UA.safariMac },
  phone: { address: "192.0.2.71", userAgent: UA.safariIphone },
} satisfies Record<string, Client>;

/** Where the preview fetchers connect from. */
const FETCHER_ADDRESS = "198.51.100.200";

/** The members who share, each on their own phone (the one they take links on). */
const DEVICES = {
  agnes: { address: "203.0.113.201", userAgent: UA.safariIphone },
  adam: { address: "203.0.113.202", userAgent: UA.chromeAndroid },
  cecilia: { address: "198.51.100.203", userAgent: UA.safariIphone },
  maja: { address: "198.51.100.60", userAgent: UA.safariIphone },
  mats: { address: "203.0.113.204", userAgent: UA.samsungAndroid },
  mira: { address: "2001:db8:5::60", userAgent: UA.chromeAndroid },
  milo: { address: "203.0.113.205", userAgent: UA.safariIphone },
  moa: { address: "198.51.100.206", userAgent: UA.chromeAndroid },
} satisfies Record<string, Client>;

export type DemoSharer = keyof typeof DEVICES;

/** The class the published method gives each planned request. */
type Planned = "bot" | "self" | "internal" | "human";

interface PlannedClick {
  expected: Planned;
  /** Whose request it is, for counting unique visitors (address and User-Agent). */
  client: Client;
  method?: string;
  secPurpose?: string;
  referer?: string;
  /** The member's own click carries the hub's signed cookie (else they are known by visitor). */
  withSelfCookie?: boolean;
}

const REFERER: Partial<Record<Share.ChannelId, string>> = {
  linkedin: "https://www.linkedin.com/",
  facebook: "https://l.facebook.com/",
  x: "https://t.co/",
  bluesky: "https://bsky.app/",
};

const read = (client: Client): PlannedClick => ({ expected: "human", client });
const preview = (userAgent: string): PlannedClick => ({
  expected: "bot",
  client: { address: FETCHER_ADDRESS, userAgent },
});
/** A link checker asking only for the headers. */
const head = (client: Client): PlannedClick => ({ expected: "bot", client, method: "HEAD" });
/** Chrome loading the page speculatively before anyone chose it. */
const prefetch = (client: Client): PlannedClick => ({
  expected: "bot",
  client,
  secPurpose: "prefetch;prerender",
});
const office = (client: Client): PlannedClick => ({ expected: "internal", client });
/** The member checks their own post. */
const own = (sharer: DemoSharer, withSelfCookie = true): PlannedClick => ({
  expected: "self",
  client: DEVICES[sharer],
  withSelfCookie,
});

interface PlannedShare {
  sharer: DemoSharer;
  content: DemoContentKey;
  channel: Share.ChannelId;
  /** The member says they posted it (with the post's URL when given). */
  confirmed?: { postUrl?: string };
  clicks: PlannedClick[];
}

const { anna, bo, cleo, dan, erik, fia, gus, hanna, ivar, jon, kim, lea, nils, olga } = READERS;

/**
 * Who shares what where, and who clicks. Some shares are confirmed by their member, others
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

/**
 * The plan's totals: unique = distinct readers per link (one day); a share counts as
 * confirmed once, whether its member confirmed it or a unique human click did.
 */
export function demoTotals(plan: readonly PlannedShare[] = DEMO_SHARES): DemoTotals {
  const clicks = plan.flatMap((share) => share.clicks);
  const count = (expected: Planned) => clicks.filter((click) => click.expected === expected).length;
  const readersOf = (share: PlannedShare) =>
    new Set(
      share.clicks
        .filter((click) => click.expected === "human")
        .map((click) => `${click.client.address}\n${click.client.userAgent}`),
    );
  return {
    sharesIntended: plan.length,
    sharesConfirmed: plan.filter((share) => share.confirmed || readersOf(share).size > 0).length,
    rawClicks: clicks.length,
    botClicks: count("bot"),
    selfClicks: count("self"),
    internalClicks: count("internal"),
    humanClicks: count("human"),
    uniqueClicks: plan.reduce((sum, share) => sum + readersOf(share).size, 0),
  };
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

/**
 * Runs the plan. Taking a link does what the hub's share route does besides `linkFor`: it
 * remembers the member's visitor for the day and gives their browser the signed self
 * cookie. Members act at the same time: their writes never touch the same items.
 */
export async function seedActivity(
  sharers: Record<DemoSharer, Member.MembershipRef>,
  library: DemoLibrary,
): Promise<DemoActivity> {
  const inTurn = limiter(CLICKS_AT_ONCE);
  let clicks = 0;
  await Promise.all(
    DEMO_SHARES.map(async (share) => {
      const member = sharers[share.sharer];
      const { link } = await Share.linkFor(member, {
        contentId: library[share.content].contentId,
        channel: share.channel,
      });
      const [selfCookie] = await Promise.all([
        Click.selfCookieValue([member]),
        Click.visitorOf(member.orgId, DEVICES[share.sharer]).then((visitor) =>
          Click.rememberMemberVisitor(member.orgId, member.memberId, visitor),
        ),
      ]);
      if (share.confirmed) await Share.confirm(member, { code: link.code, ...share.confirmed });
      // A link's clicks queue in order, so a returning reader usually comes after their first
      // visit; which visit wins the unique marker may vary, how many are unique does not.
      await Promise.all(
        share.clicks.map((click) =>
          inTurn(async () => {
            const followed = await Click.follow({
              code: link.code,
              method: click.method ?? "GET",
              address: click.client.address,
              userAgent: click.client.userAgent,
              ...(click.secPurpose ? { secPurpose: click.secPurpose } : {}),
              ...(click.client.country ? { country: click.client.country } : {}),
              ...(click.expected === "human" && REFERER[share.channel]
                ? { referer: REFERER[share.channel] }
                : {}),
              ...(click.withSelfCookie ? { selfCookie } : {}),
            });
            if (!followed) throw new Error(`The demo link ${link.code} did not redirect`);
            clicks++;
          }),
        ),
      );
    }),
  );
  return {
    links: DEMO_SHARES.length,
    confirmedByMembers: DEMO_SHARES.filter((share) => share.confirmed).length,
    clicks,
  };
}
