import type { AdminReportContent, DigestContent, WeeklyFigure } from "@sprida/core/mail";

/**
 * Realistic content for the weekly e-mails, as `packages/core/src/weekly` computes it: a
 * mid-sized organisation's week 48 of 2026 (Monday 23 to Sunday 29 November), in either
 * language. Override any field to make the case a test is about.
 */

type Locale = AdminReportContent["locale"];

const ORIGIN = "https://demo.sprida.example";

const links = (kind: string) => ({
  unsubscribe: `${ORIGIN}/unsubscribe?token=${kind}.eyJtIjoibWVtXzEyMyJ9.c2lnbmF0dXJl`,
  preferences: `${ORIGIN}/me`,
});

const figure = (
  metric: WeeklyFigure["metric"],
  value: number | null,
  previous: number | null,
  provisional = false,
): WeeklyFigure => ({ metric, value, previous, provisional });

const names = {
  sv: {
    content: [
      "Vi lanserar Demo Planner 3.0",
      "Så halverade vi energiförbrukningen i våra lokaler",
      "Vi söker fem utvecklare till Göteborg",
      "Kundcase: Nordbanken planerar offline",
      "Frukostseminarium om AI i vardagen",
    ],
    campaigns: ["Lansering Demo Planner 3.0", "Rekrytering hösten 2026"],
  },
  en: {
    content: [
      "Introducing Demo Planner 3.0",
      "How we halved the energy use of our offices",
      "We are hiring five developers in Gothenburg",
      "Customer story: Nordbanken plans offline",
      "Breakfast seminar on everyday AI",
    ],
    campaigns: ["Demo Planner 3.0 launch", "Autumn 2026 hiring"],
  },
} satisfies Record<Locale, { content: string[]; campaigns: string[] }>;

export function adminReportSample(
  locale: Locale,
  overrides: Partial<AdminReportContent> = {},
): AdminReportContent {
  const daily = [42, 87, 65, 51, 38, 12, 9];
  return {
    locale,
    orgName: "Demo AB",
    currency: "SEK",
    week: { week: "2026-W48", from: "2026-11-23", to: "2026-11-29" },
    figures: [
      figure("confirmedShares", 64, 57),
      figure("participation", 0.38, 0.41),
      figure("humanClicks", 412, 388),
      figure("uniqueClicks", 304, 304),
      figure("potentialReach", 48_350, 39_120),
      figure("emv", 1_824_000, 1_512_500, true),
      figure("valueRatio", 3.2, 2.7, true),
      figure("cashRoi", null, null, true),
    ],
    daily: daily.map((uniqueClicks, i) => ({ day: `2026-11-${23 + i}`, uniqueClicks })),
    topContent: names[locale].content.map((label, i) => ({
      label,
      uniqueClicks: [118, 74, 52, 37, 23][i] ?? 0,
      confirmedShares: [21, 14, 12, 9, 8][i] ?? 0,
    })),
    channels: [
      { label: "LinkedIn", uniqueClicks: 211, confirmedShares: 41, emv: 1_266_000 },
      { label: "Facebook", uniqueClicks: 58, confirmedShares: 13, emv: 348_000 },
      { label: "X", uniqueClicks: 35, confirmedShares: 10, emv: 210_000 },
    ],
    campaigns: names[locale].campaigns.map((label, i) => ({
      label,
      uniqueClicks: [162, 61][i] ?? 0,
      confirmedShares: [30, 11][i] ?? 0,
    })),
    topMembers: [
      { label: "Amira Hassan", uniqueClicks: 58, confirmedShares: 9 },
      { label: "Johan Lindqvist", uniqueClicks: 41, confirmedShares: 7 },
      { label: "Sofia Berg", uniqueClicks: 33, confirmedShares: 6 },
    ],
    dashboard: `${ORIGIN}/admin`,
    links: links("admin-report"),
    ...overrides,
  };
}

const items = {
  sv: [
    {
      title: "Vi lanserar Demo Planner 3.0",
      summary:
        "Planering för hela teamet, nu också utan uppkoppling. Berätta gärna för ditt nätverk!",
      featured: true,
      image: "planner.png",
    },
    {
      title: "Så halverade vi energiförbrukningen i våra lokaler",
      summary: "Tre enkla förändringar som gav mest, och en som inte gav något alls.",
      featured: false,
      image: "energy.png",
    },
    {
      title: "Vi söker fem utvecklare till Göteborg",
      summary: "Känner du någon som borde jobba här? Dela annonsen.",
      featured: false,
    },
  ],
  en: [
    {
      title: "Introducing Demo Planner 3.0",
      summary: "Planning for the whole team, now offline too. Tell your network!",
      featured: true,
      image: "planner.png",
    },
    {
      title: "How we halved the energy use of our offices",
      summary: "Three simple changes that did the most, and one that did nothing at all.",
      featured: false,
      image: "energy.png",
    },
    {
      title: "We are hiring five developers in Gothenburg",
      summary: "Know someone who should work here? Share the ad.",
      featured: false,
    },
  ],
} satisfies Record<Locale, { title: string; summary: string; featured: boolean; image?: string }[]>;

/** Where the sample items' pictures are: a browser test answers these requests itself. */
export const SAMPLE_IMAGE_ORIGIN = "https://images.demo.sprida.example";

export function digestSample(
  locale: Locale,
  overrides: Partial<DigestContent> = {},
): DigestContent {
  return {
    locale,
    orgName: "Demo AB",
    displayName: "Amira Hassan",
    from: "2026-11-23",
    to: "2026-11-29",
    // Not in featured-first order: the e-mail puts the featured item first itself.
    items: [...items[locale]].reverse().map((item, i) => ({
      title: item.title,
      summary: item.summary,
      ...("image" in item && { imageUrl: `${SAMPLE_IMAGE_ORIGIN}/${item.image}` }),
      featured: item.featured,
      share: `${ORIGIN}/?share=cnt_${i + 1}`,
    })),
    impact: {
      points: 140,
      uniqueClicks: 58,
      confirmedShares: 9,
      badges: locale === "sv" ? ["Första delningen", "Tio klick"] : ["First share", "Ten clicks"],
      rank: 3,
    },
    hub: `${ORIGIN}/`,
    links: links("digest"),
    ...overrides,
  };
}
