import { Campaign } from "@sprida/core/campaign";
import { Content } from "@sprida/core/content";
import { addDays } from "@sprida/core/day";
import type { Member } from "@sprida/core/member";

/** The demo's current campaign: the content below names it, so its clicks count towards it. */
export const DEMO_CAMPAIGN_ID = "hallbarhetsveckan";
/** The campaign six weeks ago, whose two weeks show a lift in the history. */
export const PAST_CAMPAIGN_ID = "kundveckorna";

/**
 * The campaigns, in days before today: when the admin made each and the days it runs (the
 * current one, this week and the next, is still running).
 */
export const DEMO_CAMPAIGNS = [
  {
    campaignId: PAST_CAMPAIGN_ID,
    name: "Kundveckorna",
    createdDaysAgo: 52,
    startDaysAgo: 45,
    endDaysAgo: 32,
    goal: { kind: "confirmed_shares", target: 25 },
  },
  {
    campaignId: DEMO_CAMPAIGN_ID,
    name: "Hållbarhetsveckan",
    createdDaysAgo: 6,
    startDaysAgo: 3,
    endDaysAgo: -11,
    goal: { kind: "confirmed_shares", target: 10 },
  },
] as const;

/** The campaign running a number of days before today, if any. */
export const campaignRunning = (daysAgo: number) =>
  DEMO_CAMPAIGNS.find(
    (campaign) => daysAgo <= campaign.startDaysAgo && daysAgo >= campaign.endDaysAgo,
  )?.campaignId;

/** Who brings an item in: the admin, or the curator within her topics. */
type Author = "admin" | "curator";

interface DemoItem {
  author: Author;
  /** Days before today it was published (and shareable from). */
  publishedDaysAgo: number;
  input: Content.ContentInput;
}

/**
 * The demo library, keyed so the activity can name items: Swedish and English, own pages
 * (www.demo.sprida.test, tracked with UTM and sid) and outside articles (example.com,
 * left as they are), several suggested texts per channel and language for the rotation.
 */
export const DEMO_CONTENT = {
  launch: {
    author: "admin",
    publishedDaysAgo: 2,
    input: {
      kind: "internal",
      title: "Nu lanserar vi Demo Planner 3.0",
      summary:
        "Planeringsverktyget som våra kunder bett om: delade scheman, offline-läge och en ny app för mobilen.",
      url: "https://www.demo.sprida.test/nyheter/demo-planner-3",
      language: "sv",
      topics: ["produkt"],
      featured: true,
      suggestedTexts: [
        {
          channel: "linkedin",
          language: "sv",
          text: "Idag släpper vi Demo Planner 3.0! Delade scheman och offline-läge – jag har testat den i två månader och vill inte tillbaka.",
        },
        {
          channel: "linkedin",
          language: "sv",
          text: "Stolt över teamet: Demo Planner 3.0 är ute. Här är vad som är nytt 👇",
        },
        {
          channel: "linkedin",
          language: "en",
          text: "Demo Planner 3.0 is out today: shared schedules, offline mode and a new mobile app.",
        },
        {
          channel: "x",
          language: "sv",
          text: "Demo Planner 3.0 är här – delade scheman och offline-läge.",
        },
        {
          channel: "any",
          language: "sv",
          text: "Kolla in nya Demo Planner 3.0!",
        },
        {
          channel: "any",
          language: "en",
          text: "Have a look at the new Demo Planner 3.0!",
        },
      ],
    },
  },
  report: {
    author: "admin",
    publishedDaysAgo: 4,
    input: {
      kind: "internal",
      title: "Hållbarhetsrapporten 2025: utsläppen ned 38 procent",
      summary:
        "Vi har mer än halverat tjänsteresorna med flyg och bytt till förnybar el i alla lokaler.",
      url: "https://www.demo.sprida.test/hallbarhet/rapport-2025",
      language: "sv",
      topics: ["hållbarhet"],
      campaignId: DEMO_CAMPAIGN_ID,
      suggestedTexts: [
        {
          channel: "linkedin",
          language: "sv",
          text: "38 procent lägre utsläpp på ett år. Läs hur vi gjorde i Demo AB:s hållbarhetsrapport.",
        },
        {
          channel: "facebook",
          language: "sv",
          text: "Min arbetsplats har minskat sina utsläpp med 38 procent – så här gick det till.",
        },
        {
          channel: "any",
          language: "sv",
          text: "Vår hållbarhetsrapport för 2025 är ute.",
        },
        {
          channel: "any",
          language: "en",
          text: "Our 2025 sustainability report: emissions down 38 per cent.",
        },
      ],
    },
  },
  solar: {
    author: "curator",
    publishedDaysAgo: 4,
    input: {
      kind: "internal",
      title: "Our Stockholm office now runs on its own solar roof",
      summary:
        "1,200 square metres of panels cover most of the office's electricity from April to September.",
      url: "https://www.demo.sprida.test/en/sustainability/solar-roof",
      language: "en",
      topics: ["hållbarhet"],
      campaignId: DEMO_CAMPAIGN_ID,
      suggestedTexts: [
        {
          channel: "linkedin",
          language: "en",
          text: "Our office in Stockholm now makes most of its own electricity. Proud of this one ☀️",
        },
        {
          channel: "bluesky",
          language: "en",
          text: "1,200 m² of solar panels on our office roof in Stockholm.",
        },
        {
          channel: "any",
          language: "sv",
          text: "Nu har vårt kontor i Stockholm egna solpaneler på taket.",
        },
      ],
    },
  },
  developers: {
    author: "admin",
    publishedDaysAgo: 84,
    input: {
      kind: "internal",
      title: "Vi söker backendutvecklare i Stockholm",
      summary:
        "TypeScript, AWS och ett team som bryr sig om kvalitet. Distansvänligt, kontor på Söder.",
      url: "https://www.demo.sprida.test/jobb/backendutvecklare-stockholm",
      language: "sv",
      topics: ["jobb"],
      suggestedTexts: [
        {
          channel: "linkedin",
          language: "sv",
          text: "Vi växer! Känner du en backendutvecklare som gillar TypeScript och AWS? Tipsa gärna.",
        },
        {
          channel: "linkedin",
          language: "sv",
          text: "Mitt team söker en till kollega. Bra kod, snälla människor, kontor på Söder.",
        },
        {
          channel: "linkedin",
          language: "en",
          text: "We're hiring a backend developer in Stockholm (TypeScript, AWS). Ping me if you're curious!",
        },
        {
          channel: "email",
          language: "sv",
          text: "Hej! Vi söker en backendutvecklare – tänkte att det kunde vara något för dig eller någon du känner.",
        },
      ],
    },
  },
  industry: {
    author: "admin",
    publishedDaysAgo: 66,
    input: {
      kind: "external",
      title: "Nordic SaaS report 2026: Demo AB among ten companies to watch",
      summary:
        "An independent look at the Nordic software market, with a section on planning tools.",
      url: "https://example.com/reports/nordic-saas-2026",
      language: "en",
      topics: ["produkt"],
      suggestedTexts: [
        {
          channel: "any",
          language: "en",
          text: "Nice to see Demo AB among the Nordic companies to watch this year.",
        },
        {
          channel: "whatsapp",
          language: "sv",
          text: "Vi nämns i årets nordiska SaaS-rapport 🎉",
        },
      ],
    },
  },
  circular: {
    author: "curator",
    publishedDaysAgo: 52,
    input: {
      kind: "external",
      title: "Så kan cirkulära affärsmodeller minska industrins avfall",
      summary:
        "En genomgång av hur tillverkande företag går från att sälja produkter till att sälja funktion.",
      url: "https://example.com/artiklar/cirkulara-affarsmodeller",
      language: "sv",
      topics: ["hållbarhet"],
      suggestedTexts: [
        {
          channel: "linkedin",
          language: "sv",
          text: "Läsvärt om cirkulära affärsmodeller – mycket av det här känner vi igen från vårt eget arbete.",
        },
        {
          channel: "any",
          language: "sv",
          text: "Intressant läsning om cirkulär ekonomi.",
        },
      ],
    },
  },
  culture: {
    author: "admin",
    publishedDaysAgo: 89,
    input: {
      kind: "internal",
      title: "Så jobbar vi på Demo AB",
      summary: "Korta beslutsvägar, flexibla arbetstider och en vecka om året för egna projekt.",
      url: "https://www.demo.sprida.test/karriar/sa-jobbar-vi",
      language: "sv",
      topics: ["jobb"],
      suggestedTexts: [
        {
          channel: "linkedin",
          language: "sv",
          text: "Nyfiken på hur vi har det på jobbet? Här berättar vi hur vi arbetar på Demo AB.",
        },
        {
          channel: "any",
          language: "en",
          text: "What it is like to work at Demo AB, in a few short stories.",
        },
      ],
    },
  },
  gothenburg: {
    author: "admin",
    publishedDaysAgo: 78,
    input: {
      kind: "internal",
      title: "Vi öppnar kontor i Göteborg",
      summary:
        "Tre kollegor på plats från start, fler på väg: vi kommer närmare kunderna på västkusten.",
      url: "https://www.demo.sprida.test/nyheter/goteborg",
      language: "sv",
      topics: ["jobb"],
      suggestedTexts: [
        {
          channel: "linkedin",
          language: "sv",
          text: "Nu finns Demo AB även i Göteborg! Kul att vara närmare våra kunder i väst.",
        },
        { channel: "any", language: "en", text: "Demo AB opens an office in Gothenburg." },
      ],
    },
  },
  hiring: {
    author: "admin",
    publishedDaysAgo: 72,
    input: {
      kind: "internal",
      title: "Vi söker säljare i Stockholm",
      summary: "Gillar du att lösa kundens problem på riktigt? Vi växer och söker två säljare.",
      url: "https://www.demo.sprida.test/karriar/saljare",
      language: "sv",
      topics: ["jobb"],
      suggestedTexts: [
        {
          channel: "linkedin",
          language: "sv",
          text: "Vi söker säljare till mitt team! Hör av dig om du vill veta mer.",
        },
        { channel: "any", language: "sv", text: "Demo AB söker säljare i Stockholm." },
      ],
    },
  },
  webinar: {
    author: "admin",
    publishedDaysAgo: 60,
    input: {
      kind: "internal",
      title: "Webinar: planning for hybrid teams",
      summary: "Forty-five minutes on shift planning when half the team is somewhere else.",
      url: "https://www.demo.sprida.test/events/hybrid-teams",
      language: "en",
      topics: ["produkt"],
      suggestedTexts: [
        {
          channel: "linkedin",
          language: "en",
          text: "Planning for hybrid teams is hard. Join our free webinar on how to make it work.",
        },
        { channel: "any", language: "sv", text: "Gratis webinar om planering för hybrida team." },
      ],
    },
  },
  climate: {
    author: "curator",
    publishedDaysAgo: 38,
    input: {
      kind: "external",
      title: "Klimatdata gör skillnad även för små företag",
      summary: "Så kommer mindre företag igång med att mäta och minska sina utsläpp.",
      url: "https://example.com/artiklar/klimatdata-sma-foretag",
      language: "sv",
      topics: ["hållbarhet"],
      suggestedTexts: [
        {
          channel: "linkedin",
          language: "sv",
          text: "Bra genomgång av hur även små företag kan börja mäta sina utsläpp.",
        },
        {
          channel: "any",
          language: "en",
          text: "How small companies can start measuring their emissions.",
        },
      ],
    },
  },
  release: {
    author: "admin",
    publishedDaysAgo: 24,
    input: {
      kind: "internal",
      title: "Demo Planner 2.9: nu med tidrapportering",
      summary: "Rapportera tid direkt i schemat, och exportera till lönesystemet med ett klick.",
      url: "https://www.demo.sprida.test/nyheter/demo-planner-2-9",
      language: "sv",
      topics: ["produkt"],
      suggestedTexts: [
        {
          channel: "linkedin",
          language: "sv",
          text: "Tidrapportering direkt i schemat – nu i Demo Planner 2.9.",
        },
        {
          channel: "any",
          language: "en",
          text: "Demo Planner 2.9 brings time reporting into the schedule.",
        },
      ],
    },
  },
  podcast: {
    author: "admin",
    publishedDaysAgo: 14,
    input: {
      kind: "internal",
      title: "Podcast: our CTO on building software for the field",
      summary: "Why the app works offline first, and what we learned from a winter of field tests.",
      url: "https://www.demo.sprida.test/podcast/offline-first",
      language: "en",
      topics: ["jobb"],
      suggestedTexts: [
        {
          channel: "linkedin",
          language: "en",
          text: "Our CTO on why our app works offline first. A good listen for anyone building for the field.",
        },
        { channel: "any", language: "sv", text: "Vår CTO om att bygga för fältet, i podden." },
      ],
    },
  },
  customerStory: {
    author: "admin",
    publishedDaysAgo: 46,
    input: {
      kind: "internal",
      title: "Kundcase: så planerar Nordbygg 400 montörer med Demo Planner",
      summary: "Från whiteboard och kalkylark till ett gemensamt schema i mobilen på sex veckor.",
      url: "https://www.demo.sprida.test/kunder/nordbygg",
      language: "sv",
      topics: ["produkt"],
      campaignId: PAST_CAMPAIGN_ID,
      suggestedTexts: [
        {
          channel: "linkedin",
          language: "sv",
          text: "Stolt över att Nordbygg planerar 400 montörer med vårt verktyg. Läs deras berättelse!",
        },
        {
          channel: "any",
          language: "sv",
          text: "Så gick Nordbygg från whiteboard till Demo Planner.",
        },
      ],
    },
  },
  customerDay: {
    author: "admin",
    publishedDaysAgo: 46,
    input: {
      kind: "internal",
      title: "Join our customer day: planning without the spreadsheets",
      summary:
        "An afternoon of customer talks and live demos at our Stockholm office, also online.",
      url: "https://www.demo.sprida.test/events/customer-day",
      language: "en",
      topics: ["produkt"],
      campaignId: PAST_CAMPAIGN_ID,
      suggestedTexts: [
        {
          channel: "linkedin",
          language: "en",
          text: "Our customer day is coming up: real stories from planners who left the spreadsheets behind.",
        },
        {
          channel: "any",
          language: "sv",
          text: "Välkommen på vår kunddag – kundberättelser och demos, på plats eller online.",
        },
      ],
    },
  },
} satisfies Record<string, DemoItem>;

export type DemoContentKey = keyof typeof DEMO_CONTENT;
export type DemoLibrary = Record<DemoContentKey, Content.Info>;

/** One item of the library, as its plain shape. */
export const demoItem = (key: DemoContentKey): DemoItem => DEMO_CONTENT[key];

/** The items published a number of days before today, in the library's order. */
export const publishedOn = (daysAgo: number) =>
  (Object.keys(DEMO_CONTENT) as DemoContentKey[]).filter(
    (key) => DEMO_CONTENT[key].publishedDaysAgo === daysAgo,
  );

/**
 * Creates and publishes items the way the product does: the admin's go live at once; the
 * curator's are published by her, and approved by the admin when the organisation asks for
 * approval. One at a time, so items of one day keep the library's order.
 */
export async function seedContent(
  authors: Record<Author, Member.MembershipRef>,
  keys: readonly DemoContentKey[],
  library: Partial<DemoLibrary>,
): Promise<void> {
  for (const key of keys) {
    const item = demoItem(key);
    const author = authors[item.author];
    const draft = await Content.create(author, item.input);
    let published = await Content.publish(author, draft.contentId);
    if (published.status !== "published") {
      published = await Content.approve(authors.admin, draft.contentId);
    }
    library[key] = published;
  }
}

/** The campaigns the admin makes a number of days before `today`. */
export async function seedCampaigns(admin: Member.MembershipRef, today: string, daysAgo: number) {
  for (const campaign of DEMO_CAMPAIGNS) {
    if (campaign.createdDaysAgo !== daysAgo) continue;
    await Campaign.create(admin, {
      campaignId: campaign.campaignId,
      name: campaign.name,
      startDay: addDays(today, -campaign.startDaysAgo),
      endDay: addDays(today, -campaign.endDaysAgo),
      goal: campaign.goal,
    });
  }
}
