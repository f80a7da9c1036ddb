import { Campaign } from "@sprida/core/campaign";
import { Content } from "@sprida/core/content";
import type { Member } from "@sprida/core/member";
import { Org } from "@sprida/core/org";
import { Points } from "@sprida/core/points";
import { Runtime } from "@sprida/core/runtime";

/** The demo's campaign: the content below names it, so its clicks count towards it. */
export const DEMO_CAMPAIGN_ID = "hallbarhetsveckan";

/** Who brings an item in: the admin, or the curator within her topics. */
type Author = "admin" | "curator";

interface DemoItem {
  author: Author;
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
} satisfies Record<string, DemoItem>;

export type DemoContentKey = keyof typeof DEMO_CONTENT;
export type DemoLibrary = Record<DemoContentKey, Content.Info>;

/**
 * Creates and publishes the library the way the product does: the admin's items go live at
 * once; the curator's are published by her, and approved by the admin when the organisation
 * asks for approval. One at a time, so the feed's order is the order above.
 */
export async function seedContent(authors: Record<Author, Member.MembershipRef>) {
  const library: Partial<DemoLibrary> = {};
  for (const [key, item] of Object.entries(DEMO_CONTENT) as [DemoContentKey, DemoItem][]) {
    const author = authors[item.author];
    const draft = await Content.create(author, item.input);
    let published = await Content.publish(author, draft.contentId);
    if (published.status !== "published") {
      published = await Content.approve(authors.admin, draft.contentId);
    }
    library[key] = published;
  }
  return library as DemoLibrary;
}

/** A campaign running this week and the next; its items are the content that names it. */
export async function seedCampaign(admin: Member.MembershipRef) {
  const org = await Org.get(admin.orgId);
  const today = Org.localDay(org.timeZone, Runtime.use().now());
  return Campaign.create(admin, {
    campaignId: DEMO_CAMPAIGN_ID,
    name: "Hållbarhetsveckan",
    startDay: Points.addDays(today, -3),
    endDay: Points.addDays(today, 11),
    goal: { kind: "confirmed_shares", target: 10 },
  });
}
