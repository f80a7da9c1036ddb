import type { ChannelId } from "../schema";
import type { Settings } from "./settings.schema";

/**
 * The settings an organisation starts with (EUR). Benchmarks are order-of-magnitude public
 * figures, not a promise: an organisation should put its own ad costs here. Sources in
 * `DEFAULT_SOURCES`, shown by the API and in docs/metrics.md.
 */
const SOCIAL_WITHOUT_ADS = 50;

export const DEFAULT_SETTINGS: Settings = {
  currency: "EUR",
  cpc: {
    linkedin: 500,
    xing: 300,
    facebook: 80,
    instagram: 100,
    threads: 80,
    x: 40,
    reddit: 75,
    tiktok: 50,
    snapchat: 50,
    bluesky: SOCIAL_WITHOUT_ADS,
    mastodon: SOCIAL_WITHOUT_ADS,
    whatsapp: SOCIAL_WITHOUT_ADS,
    telegram: SOCIAL_WITHOUT_ADS,
    email: SOCIAL_WITHOUT_ADS,
    copy: SOCIAL_WITHOUT_ADS,
  } satisfies Record<ChannelId, number>,
  cpm: { enabled: false, perMille: 600 },
  fixedMonthlyCost: 0,
  minutesPerShare: 3,
  hourlyCost: 3350,
  attributionWindowDays: 30,
};

export interface Source {
  source: string;
  url?: string;
  note: string;
}

const benchmark = "An order-of-magnitude public benchmark; replace it with what your own ads cost.";
const noAdMarket: Source = {
  source: "Sprida's conservative default",
  note: "The network sells no comparable ads: a low social CPC, so clicks there are not worth nothing and never worth more than on an ad network.",
};

export const DEFAULT_SOURCES: Record<string, Source> = {
  currency: { source: "Sprida's default", note: "Set your own; reports show amounts in it." },
  "cpc.linkedin": {
    source: "LinkedIn Marketing Solutions, LinkedIn ads pricing",
    url: "https://business.linkedin.com/marketing-solutions/ads/pricing",
    note: `LinkedIn's sponsored content is among the dearest social clicks (several euros). ${benchmark}`,
  },
  "cpc.xing": {
    source: "Sprida's default, below LinkedIn",
    note: `A DACH business network with a smaller, cheaper ad market than LinkedIn's. ${benchmark}`,
  },
  "cpc.facebook": {
    source: "WordStream (LocaliQ), Facebook ads benchmarks",
    url: "https://www.wordstream.com/blog/ws/2017/02/28/facebook-advertising-benchmarks",
    note: `Traffic campaigns average under one euro a click across industries. ${benchmark}`,
  },
  "cpc.instagram": {
    source: "WordStream (LocaliQ), Facebook ads benchmarks (Meta's shared ad market)",
    url: "https://www.wordstream.com/blog/ws/2017/02/28/facebook-advertising-benchmarks",
    note: `Bought through the same Meta auction, slightly dearer per click. ${benchmark}`,
  },
  "cpc.threads": {
    source: "Meta's shared ad market (as Facebook)",
    note: `Threads ads are sold through Meta's auction. ${benchmark}`,
  },
  "cpc.x": {
    source: "Sprida's default",
    note: `X's promoted posts are among the cheapest social clicks. ${benchmark}`,
  },
  "cpc.reddit": { source: "Sprida's default", note: benchmark },
  "cpc.tiktok": { source: "Sprida's default", note: benchmark },
  "cpc.snapchat": { source: "Sprida's default", note: benchmark },
  "cpc.bluesky": noAdMarket,
  "cpc.mastodon": noAdMarket,
  "cpc.whatsapp": noAdMarket,
  "cpc.telegram": noAdMarket,
  "cpc.email": noAdMarket,
  "cpc.copy": noAdMarket,
  cpm: {
    source: "Sprida's default (off)",
    note: "Potential reach is not seen reach, so the impressions term is off unless turned on; 6 EUR per 1000 is a typical social CPM when it is.",
  },
  fixedMonthlyCost: {
    source: "Sprida's default",
    note: "0 until set, so cost-based ratios show — rather than a number nobody chose.",
  },
  minutesPerShare: {
    source: "Sprida's default",
    note: "Reading an item, personalising the text and posting it.",
  },
  hourlyCost: {
    source: "Eurostat, hourly labour costs (EU average, 2024)",
    url: "https://ec.europa.eu/eurostat/statistics-explained/index.php?title=Hourly_labour_costs",
    note: "About 33.5 EUR an hour across the EU; set your own (Sweden's is higher).",
  },
  attributionWindowDays: {
    source: "Sprida's default",
    note: "30 days, a common click-through attribution window for ad platforms.",
  },
};
