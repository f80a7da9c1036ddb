import type { Member } from "@sprida/core/member";
import { UA } from "./demo-clients";

export const DEMO_OWNER_EMAIL = "agnes.owner@demo.sprida.test";

/** A browser: where it connects from and what it says it is. */
export interface Client {
  address: string;
  userAgent: string;
  country?: string;
}

interface Person {
  email: string;
  displayName: string;
  role: Member.Role;
  office: string;
  unit: string;
  /** Absent: invited today, not joined yet. */
  joined?: {
    /** Days before today it happened (the founders joined the day the organisation began). */
    daysAgo: number;
    /** The networks they post to, with their size (the basis of potential reach). */
    channels: Record<string, number>;
    /** Whether admins and leaderboards may name them. */
    named: boolean;
    locale?: Member.Locale;
    /** The phone they take links on (and check their own posts with). */
    device: Client;
  };
}

/**
 * The demo organisation's people: one of each role and members who joined over the three
 * months, most of them in Stockholm's sales and development units (groups of five or more)
 * and three at the small Göteborg office (a group too small to be shown on its own). A few
 * chose to be named; most did not. One invitation is still pending.
 */
export const PEOPLE = {
  agnes: {
    email: DEMO_OWNER_EMAIL,
    displayName: "Agnes Ägare",
    role: "owner",
    office: "Stockholm",
    unit: "Ledning",
    joined: {
      daysAgo: 90,
      channels: { linkedin: 1200, threads: 300 },
      named: false,
      device: { address: "203.0.113.201", userAgent: UA.safariIphone },
    },
  },
  adam: {
    email: "adam.admin@demo.sprida.test",
    displayName: "Adam Admin",
    role: "admin",
    office: "Stockholm",
    unit: "Kommunikation",
    joined: {
      daysAgo: 90,
      channels: { linkedin: 850, facebook: 420 },
      named: true,
      device: { address: "203.0.113.202", userAgent: UA.chromeAndroid },
    },
  },
  cecilia: {
    email: "cecilia.curator@demo.sprida.test",
    displayName: "Cecilia Kurator",
    role: "curator",
    office: "Stockholm",
    unit: "Kommunikation",
    joined: {
      daysAgo: 90,
      channels: { linkedin: 610, instagram: 1500 },
      named: true,
      device: { address: "198.51.100.203", userAgent: UA.safariIphone },
    },
  },
  maja: {
    email: "maja@demo.sprida.test",
    displayName: "Maja Medlem",
    role: "member",
    office: "Stockholm",
    unit: "Sälj",
    joined: {
      daysAgo: 85,
      channels: { linkedin: 400, facebook: 230 },
      named: true,
      device: { address: "198.51.100.60", userAgent: UA.safariIphone },
    },
  },
  mats: {
    email: "mats@demo.sprida.test",
    displayName: "Mats Medlem",
    role: "member",
    office: "Stockholm",
    unit: "Sälj",
    joined: {
      daysAgo: 80,
      channels: { linkedin: 320, email: 60 },
      named: false,
      device: { address: "203.0.113.204", userAgent: UA.samsungAndroid },
    },
  },
  mira: {
    email: "mira@demo.sprida.test",
    displayName: "Mira Medlem",
    role: "member",
    office: "Stockholm",
    unit: "Utveckling",
    joined: {
      daysAgo: 70,
      channels: { linkedin: 540, bluesky: 180 },
      named: true,
      locale: "en",
      device: { address: "2001:db8:5::60", userAgent: UA.chromeAndroid },
    },
  },
  milo: {
    email: "milo@demo.sprida.test",
    displayName: "Milo Medlem",
    role: "member",
    office: "Stockholm",
    unit: "Utveckling",
    joined: {
      daysAgo: 62,
      channels: { whatsapp: 40, telegram: 90 },
      named: false,
      device: { address: "203.0.113.205", userAgent: UA.safariIphone },
    },
  },
  moa: {
    email: "moa@demo.sprida.test",
    displayName: "Moa Medlem",
    role: "member",
    office: "Stockholm",
    unit: "Utveckling",
    joined: {
      daysAgo: 55,
      channels: { linkedin: 150, facebook: 410 },
      named: false,
      device: { address: "198.51.100.206", userAgent: UA.chromeAndroid },
    },
  },
  sara: {
    email: "sara@demo.sprida.test",
    displayName: "Sara Säljare",
    role: "member",
    office: "Stockholm",
    unit: "Sälj",
    joined: {
      daysAgo: 50,
      channels: { linkedin: 780 },
      named: false,
      device: { address: "203.0.113.211", userAgent: UA.safariIphone },
    },
  },
  ulla: {
    email: "ulla@demo.sprida.test",
    displayName: "Ulla Utvecklare",
    role: "member",
    office: "Stockholm",
    unit: "Utveckling",
    joined: {
      daysAgo: 44,
      channels: { linkedin: 460, bluesky: 120 },
      named: false,
      locale: "en",
      device: { address: "2001:db8:5::61", userAgent: UA.chromeAndroid },
    },
  },
  sven: {
    email: "sven@demo.sprida.test",
    displayName: "Sven Säljare",
    role: "member",
    office: "Stockholm",
    unit: "Sälj",
    joined: {
      daysAgo: 38,
      channels: { linkedin: 510, facebook: 350 },
      named: false,
      device: { address: "203.0.113.212", userAgent: UA.samsungAndroid },
    },
  },
  gustav: {
    email: "gustav@demo.sprida.test",
    displayName: "Gustav Göteborg",
    role: "member",
    office: "Göteborg",
    unit: "Kundtjänst",
    joined: {
      daysAgo: 33,
      channels: { linkedin: 290, facebook: 180 },
      named: false,
      device: { address: "198.51.100.213", userAgent: UA.safariIphone },
    },
  },
  uno: {
    email: "uno@demo.sprida.test",
    displayName: "Uno Utvecklare",
    role: "member",
    office: "Stockholm",
    unit: "Utveckling",
    joined: {
      daysAgo: 30,
      channels: { linkedin: 380, x: 220 },
      named: false,
      device: { address: "203.0.113.214", userAgent: UA.chromeAndroid },
    },
  },
  stina: {
    email: "stina@demo.sprida.test",
    displayName: "Stina Säljare",
    role: "member",
    office: "Stockholm",
    unit: "Sälj",
    joined: {
      daysAgo: 26,
      channels: { linkedin: 640 },
      named: false,
      device: { address: "198.51.100.215", userAgent: UA.safariIphone },
    },
  },
  greta: {
    email: "greta@demo.sprida.test",
    displayName: "Greta Göteborg",
    role: "member",
    office: "Göteborg",
    unit: "Kundtjänst",
    joined: {
      daysAgo: 19,
      channels: { facebook: 520, instagram: 300 },
      named: false,
      device: { address: "203.0.113.216", userAgent: UA.samsungAndroid },
    },
  },
  ulf: {
    email: "ulf@demo.sprida.test",
    displayName: "Ulf Utvecklare",
    role: "member",
    office: "Stockholm",
    unit: "Utveckling",
    joined: {
      daysAgo: 12,
      channels: { linkedin: 270, threads: 95 },
      named: false,
      device: { address: "2001:db8:5::62", userAgent: UA.firefoxLinux },
    },
  },
  gun: {
    email: "gun@demo.sprida.test",
    displayName: "Gun Göteborg",
    role: "member",
    office: "Göteborg",
    unit: "Kundtjänst",
    joined: {
      daysAgo: 6,
      channels: { linkedin: 210, whatsapp: 35 },
      named: false,
      device: { address: "198.51.100.217", userAgent: UA.safariIphone },
    },
  },
  max: {
    email: "max@demo.sprida.test",
    displayName: "Max Medlem",
    role: "member",
    office: "Stockholm",
    unit: "Support",
  },
} as const satisfies Record<string, Person>;

export type DemoPerson = keyof typeof PEOPLE;

/** Those who have joined by today: the ones who share. */
export type DemoSharer = {
  [Key in DemoPerson]: (typeof PEOPLE)[Key] extends { joined: object } ? Key : never;
}[DemoPerson];

export const personOf = (key: DemoPerson): Person => PEOPLE[key];

export const SHARERS = (Object.keys(PEOPLE) as DemoPerson[]).filter(
  (key): key is DemoSharer => personOf(key).joined !== undefined,
);

/** The sharer's own phone. */
export function deviceOf(sharer: DemoSharer): Client {
  const joined = personOf(sharer).joined;
  if (!joined) throw new Error(`${sharer} has not joined`);
  return joined.device;
}
