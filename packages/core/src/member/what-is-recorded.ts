import { z } from "zod";
import { Locale, type Locale as LocaleType } from "./member.schema";

/** Who can see an item: the member, admins (owners included), admins only if the member
 * opted in to being named, or nobody (used internally only). */
export const Viewer = z.enum(["me", "admins", "admins_if_named", "nobody"]);
export type Viewer = z.infer<typeof Viewer>;

export const RecordedItem = z.object({
  id: z.string(),
  item: z.string(),
  purpose: z.string(),
  whoSees: z.array(Viewer),
  retention: z.string(),
});
export type RecordedItem = z.infer<typeof RecordedItem>;

type Text = Record<LocaleType, { item: string; purpose: string; retention: string }>;

/**
 * What Sprida records about a member, why, who sees it and for how long: the data behind
 * the hub's "what is recorded about me". Each feature that records something about members
 * adds its entries here (sign-in sessions, shares, clicks, points...), in both languages.
 */
export const RECORDED: { id: string; whoSees: Viewer[]; text: Text }[] = [
  {
    id: "email",
    whoSees: ["me", "admins"],
    text: {
      en: {
        item: "Your e-mail address",
        purpose: "To invite you, sign you in and send the weekly e-mail you can turn off.",
        retention:
          "Until you leave. Deleted when you leave, unless you are a member of another organisation on this Sprida.",
      },
      sv: {
        item: "Din e-postadress",
        purpose: "För att bjuda in dig, logga in dig och skicka veckomejlet som du kan stänga av.",
        retention:
          "Tills du lämnar. Raderas när du lämnar, om du inte är medlem i en annan organisation i samma Sprida.",
      },
    },
  },
  {
    id: "weekly_mail",
    whoSees: ["me"],
    text: {
      en: {
        item: "Your e-mail choices, and which weekly e-mails were sent to you",
        purpose:
          "To send the weekly e-mails you want, each once. Admins see only how many were sent, never to whom.",
        retention: "Your choices until you leave; the record of each e-mail for a year.",
      },
      sv: {
        item: "Dina val för e-post, och vilka veckomejl som skickats till dig",
        purpose:
          "För att skicka de veckomejl du vill ha, vart och ett en gång. Administratörer ser bara hur många som skickats, aldrig till vem.",
        retention: "Dina val tills du lämnar; uppgiften om varje mejl i ett år.",
      },
    },
  },
  {
    id: "display_name",
    whoSees: ["me", "admins"],
    text: {
      en: {
        item: "Your display name",
        purpose:
          "So admins know who the member is; on leaderboards only if you choose to be named.",
        retention: "Until you leave; then deleted.",
      },
      sv: {
        item: "Ditt visningsnamn",
        purpose:
          "Så att administratörer vet vem medlemmen är; på topplistor bara om du väljer att synas.",
        retention: "Tills du lämnar; raderas då.",
      },
    },
  },
  {
    id: "membership",
    whoSees: ["me", "admins"],
    text: {
      en: {
        item: "Your role, status and the dates you were invited, joined or deactivated",
        purpose:
          "To decide what you may do, and to count members per day (as numbers, never as lists).",
        retention:
          "While you are a member. When you leave only an anonymous record (left, and when) stays, so totals remain right.",
      },
      sv: {
        item: "Din roll, status och när du bjöds in, gick med eller inaktiverades",
        purpose:
          "För att avgöra vad du får göra, och för att räkna medlemmar per dag (som antal, aldrig som listor).",
        retention:
          "Medan du är medlem. När du lämnar finns bara en anonym uppgift kvar (lämnat, och när) så att summor stämmer.",
      },
    },
  },
  {
    id: "segment",
    whoSees: ["me", "admins"],
    text: {
      en: {
        item: "Your office, unit and competence area",
        purpose: "Set by admins to group reports; no group smaller than five people is ever shown.",
        retention: "Until you leave; then deleted.",
      },
      sv: {
        item: "Ditt kontor, din enhet och ditt kompetensområde",
        purpose:
          "Sätts av administratörer för att gruppera rapporter; ingen grupp med färre än fem personer visas.",
        retention: "Tills du lämnar; raderas då.",
      },
    },
  },
  {
    id: "channels",
    whoSees: ["me", "admins_if_named"],
    text: {
      en: {
        item: "The networks you use, the size of your network on each, and your Mastodon server",
        purpose:
          "To estimate potential reach. Admins see totals; your own figures only if you choose to be named.",
        retention: "Until you change them or leave; then deleted.",
      },
      sv: {
        item: "Vilka nätverk du använder, hur stort ditt nätverk är på vart och ett, och din Mastodon-server",
        purpose:
          "För att uppskatta möjlig räckvidd. Administratörer ser summor; dina egna siffror bara om du väljer att synas.",
        retention: "Tills du ändrar dem eller lämnar; raderas då.",
      },
    },
  },
  {
    id: "privacy",
    whoSees: ["me"],
    text: {
      en: {
        item: "Your privacy choices (named to admins and on leaderboards: off unless you turn it on; weekly e-mail)",
        purpose: "To respect them everywhere.",
        retention: "Until you leave; then deleted.",
      },
      sv: {
        item: "Dina integritetsval (synas för administratörer och på topplistor: av tills du slår på det; veckomejl)",
        purpose: "För att respektera dem överallt.",
        retention: "Tills du lämnar; raderas då.",
      },
    },
  },
  {
    id: "guidelines_acceptance",
    whoSees: ["me", "admins"],
    text: {
      en: {
        item: "Which version of the social media guidelines you accepted, and when",
        purpose: "To show that you joined on the guidelines in force.",
        retention: "Until you leave; then deleted.",
      },
      sv: {
        item: "Vilken version av riktlinjerna för sociala medier du godkände, och när",
        purpose: "För att visa att du gick med på de riktlinjer som gällde.",
        retention: "Tills du lämnar; raderas då.",
      },
    },
  },
  {
    id: "curator_topics",
    whoSees: ["me", "admins"],
    text: {
      en: {
        item: "If you are a curator: the topics you may curate",
        purpose: "To limit curators to their topics.",
        retention: "Until you leave; then deleted.",
      },
      sv: {
        item: "Om du är kurator: de ämnen du får kurera",
        purpose: "För att begränsa kuratorer till sina ämnen.",
        retention: "Tills du lämnar; raderas då.",
      },
    },
  },
  {
    id: "audit",
    whoSees: ["me", "admins"],
    text: {
      en: {
        item: "Admin actions concerning you (who changed your role, segment or status, and when)",
        purpose: "Accountability: owners read the audit log.",
        retention:
          "Kept; it names you only by an anonymous member id, which names nobody once you leave.",
      },
      sv: {
        item: "Administratörers åtgärder som rör dig (vem som ändrade din roll, grupp eller status, och när)",
        purpose: "Ansvarsskyldighet: ägare läser granskningsloggen.",
        retention:
          "Sparas; den anger dig bara med ett anonymt medlems-id, som inte pekar ut någon när du har lämnat.",
      },
    },
  },
  {
    id: "followed_topics",
    whoSees: ["me"],
    text: {
      en: {
        item: "The topics you follow",
        purpose: "To show items on those topics first in your feed.",
        retention: "Until you change them or leave; deleted when you leave.",
      },
      sv: {
        item: "Ämnena du följer",
        purpose: "För att visa inlägg om de ämnena först i ditt flöde.",
        retention: "Tills du ändrar dem eller lämnar; raderas när du lämnar.",
      },
    },
  },
  {
    id: "holiday",
    whoSees: ["me"],
    text: {
      en: {
        item: "Your holiday or leave, if you set one (first and last day)",
        purpose: "So your sharing streak pauses while you are away instead of breaking.",
        retention: "Until you change or clear it, or leave; then deleted.",
      },
      sv: {
        item: "Din semester eller ledighet, om du anger en (första och sista dag)",
        purpose: "Så att din delningssvit pausas medan du är borta i stället för att brytas.",
        retention: "Tills du ändrar eller tar bort den, eller lämnar; raderas då.",
      },
    },
  },
  {
    id: "shares",
    whoSees: ["me", "admins_if_named"],
    text: {
      en: {
        item: "Your tracked links: which content you shared, to which network, and whether you confirmed it (and the post's address if you gave it)",
        purpose:
          "To count shares, potential reach and campaign goals. Admins see totals; your own shares only if you choose to be named.",
        retention:
          "Until you leave; then the links keep working but name nobody, and the post addresses you gave are deleted.",
      },
      sv: {
        item: "Dina spårade länkar: vilket innehåll du delade, till vilket nätverk och om du bekräftade det (och inläggets adress om du angav den)",
        purpose:
          "För att räkna delningar, möjlig räckvidd och kampanjmål. Administratörer ser summor; dina egna delningar bara om du väljer att synas.",
        retention:
          "Tills du lämnar; sedan fungerar länkarna men pekar inte ut någon, och inläggsadresserna du angav raderas.",
      },
    },
  },
  {
    id: "clicks",
    whoSees: ["me", "admins_if_named"],
    text: {
      en: {
        item: "Clicks on your links, counted by class (bot, your own, internal, human) and unique; per click the country, device type and the referring site's name, never who clicked",
        purpose:
          "To give points for real readers and show what sharing brings. Nobody, admins included, can see who clicked: a visitor is a hash whose daily key is deleted after 48 hours.",
        retention:
          "Counts are kept; the keys that could link a click to a visitor are gone within 48 hours.",
      },
      sv: {
        item: "Klick på dina länkar, räknade per slag (robot, dina egna, interna, mänskliga) och unika; per klick land, typ av enhet och den hänvisande webbplatsens namn, aldrig vem som klickade",
        purpose:
          "För att ge poäng för riktiga läsare och visa vad delandet ger. Ingen, inte heller administratörer, kan se vem som klickade: en besökare är en hash vars dagliga nyckel raderas efter 48 timmar.",
        retention:
          "Antalen sparas; nycklarna som kunde koppla ett klick till en besökare är borta inom 48 timmar.",
      },
    },
  },
  {
    id: "points",
    whoSees: ["me", "admins_if_named"],
    text: {
      en: {
        item: "Your points, badges and weekly sharing streak",
        purpose:
          'For the fun of it: shown to you; on leaderboards by name only if you choose to be named, otherwise summed as "and N more".',
        retention: "Until you leave; then they name nobody and leave every leaderboard.",
      },
      sv: {
        item: "Dina poäng, märken och din veckoserie av delningar",
        purpose:
          'För att det ska vara roligt: visas för dig; på topplistor med namn bara om du väljer att synas, annars summerat som "och N till".',
        retention:
          "Tills du lämnar; sedan pekar de inte ut någon och syns inte på någon topplista.",
      },
    },
  },
  {
    id: "own_clicks",
    whoSees: ["nobody"],
    text: {
      en: {
        item: "A cookie on the device you share from, and a hash of that device's address and browser for the day",
        purpose:
          "So your own clicks on your links are not counted as readers' clicks (and earn no points).",
        retention:
          "The cookie for 90 days (it holds only signed member ids); the day's hash for 15 days.",
      },
      sv: {
        item: "En kaka på enheten du delar från, och en hash av enhetens adress och webbläsare för dagen",
        purpose:
          "Så att dina egna klick på dina länkar inte räknas som läsares klick (och inte ger poäng).",
        retention:
          "Kakan i 90 dagar (den innehåller bara signerade medlems-id); dagens hash i 15 dagar.",
      },
    },
  },
  {
    id: "sessions",
    whoSees: ["me"],
    text: {
      en: {
        item: "Your sign-in sessions: when each started and was last used (no address, no device details)",
        purpose: "To keep you signed in, and so you can sign out here or everywhere.",
        retention:
          "Until you sign out, or 30 days after you last used it; ended at once when you leave.",
      },
      sv: {
        item: "Dina inloggningar: när varje session började och senast användes (ingen adress, inga enhetsuppgifter)",
        purpose: "För att hålla dig inloggad, och så att du kan logga ut här eller överallt.",
        retention:
          "Tills du loggar ut, eller 30 dagar efter senaste användning; avslutas direkt när du lämnar.",
      },
    },
  },
  {
    id: "activity_before_joining",
    whoSees: ["nobody"],
    text: {
      en: {
        item: "Nothing about your activity before you accept the invitation",
        purpose: "Taking part is voluntary: recording starts when you opt in.",
        retention: "Not applicable.",
      },
      sv: {
        item: "Inget om vad du gör innan du har tackat ja till inbjudan",
        purpose: "Att delta är frivilligt: inget registreras förrän du har valt att vara med.",
        retention: "Ej tillämpligt.",
      },
    },
  },
];

/** The list in the member's language, as data the hub lays out. */
export function whatIsRecorded(locale: LocaleType): RecordedItem[] {
  const language = Locale.catch("en").parse(locale);
  return RECORDED.map(({ id, whoSees, text }) => ({ id, whoSees, ...text[language] }));
}
