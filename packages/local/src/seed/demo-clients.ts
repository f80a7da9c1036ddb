import type { Client } from "./demo-people";

/**
 * Who clicks the demo's links. Addresses are documentation ranges only (RFC 5737,
 * RFC 3849); 192.0.2.0/24 is the demo's office.
 */
export const UA = {
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
export const PREVIEW = {
  linkedin: "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
  facebook: "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
  x: "Twitterbot/1.0",
  slack: "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
  whatsapp: "WhatsApp/2.24.12.78 A",
  bluesky: "Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)",
} as const;

/** People outside the organisation who read the posts. */
export const READERS = {
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
export const OFFICE = {
  desk: { address: "192.0.2.10", userAgent: UA.chromeWindows },
  laptop: { address: "192.0.2.33", userAgent: UA.safariMac },
  phone: { address: "192.0.2.71", userAgent: UA.safariIphone },
} satisfies Record<string, Client>;

/** Where the preview fetchers connect from. */
export const FETCHER_ADDRESS = "198.51.100.200";

const BROWSERS = [
  UA.chromeWindows,
  UA.safariIphone,
  UA.linkedinAppIos,
  UA.chromeAndroid,
  UA.safariMac,
  UA.edgeWindows,
  UA.samsungAndroid,
  UA.facebookAppIos,
  UA.firefoxLinux,
] as const;
const COUNTRIES = ["SE", "SE", "SE", "NO", "DK", "FI", "DE", "GB", "SE", "US"] as const;

/**
 * The wider audience of three months: the readers above and thirty more, each with a
 * browser and a country of their own (203.0.113.140–169, clear of the members' phones).
 */
export const AUDIENCE: readonly Client[] = [
  ...Object.values(READERS),
  ...Array.from({ length: 30 }, (_, index) => ({
    address: `203.0.113.${140 + index}`,
    userAgent: BROWSERS[index % BROWSERS.length] as string,
    country: COUNTRIES[index % COUNTRIES.length] as string,
  })),
];
