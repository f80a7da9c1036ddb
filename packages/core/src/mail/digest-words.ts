import type { Locale } from "../schema";

/** The digest's words; figure names are the hub's and the dashboard's own. */
interface DigestWords {
  subject: (orgName: string) => string;
  greeting: (displayName: string | undefined) => string;
  intro: (days: string) => string;
  nothingNew: (days: string) => string;
  /** The preheader's count of items, by plural category (Swedish and English have two). */
  items: { one: (count: string) => string; other: (count: string) => string };
  featured: string;
  share: string;
  yourWeek: string;
  yourWeeks: string;
  points: string;
  uniqueClicks: string;
  confirmedShares: string;
  badges: string;
  rank: string;
  hub: string;
  reason: (orgName: string) => string;
  unsubscribe: string;
}

export const digestWords = {
  sv: {
    subject: (orgName) => `Nytt att dela från ${orgName}`,
    greeting: (displayName) => (displayName ? `Hej ${displayName}!` : "Hej!"),
    intro: (days) =>
      `Det här är nytt ${days}, och utvalt just nu. Dela det i dina egna nätverk om du vill.`,
    nothingNew: (days) => `Inget nytt publicerades ${days}, men så här gick det för dig.`,
    items: {
      one: (count) => `${count} nytt inlägg att dela`,
      other: (count) => `${count} nya inlägg att dela`,
    },
    featured: "Utvalt",
    share: "Dela",
    yourWeek: "Din vecka",
    yourWeeks: "Dina veckor",
    points: "Poäng",
    uniqueClicks: "Unika klick av människor",
    confirmedShares: "Bekräftade delningar",
    badges: "Nya märken",
    rank: "Din placering",
    hub: "Se allt att dela i hubben",
    reason: (orgName) =>
      `Du får det här mejlet eftersom du är med i ${orgName} i Sprida och har valt att få ett sammandrag.`,
    unsubscribe: "Avsluta prenumerationen på sammandraget",
  },
  en: {
    subject: (orgName) => `New to share from ${orgName}`,
    greeting: (displayName) => (displayName ? `Hi ${displayName},` : "Hi,"),
    intro: (days) =>
      `Here is what is new ${days}, and featured now. Share it with your own networks if you like.`,
    nothingNew: (days) => `Nothing new was published ${days}, but this is how you did.`,
    items: {
      one: (count) => `${count} new item to share`,
      other: (count) => `${count} new items to share`,
    },
    featured: "Featured",
    share: "Share",
    yourWeek: "Your week",
    yourWeeks: "Your weeks",
    points: "Points",
    uniqueClicks: "Unique human clicks",
    confirmedShares: "Confirmed shares",
    badges: "Badges earned",
    rank: "Your rank",
    hub: "See everything to share in the hub",
    reason: (orgName) =>
      `You get this e-mail because you are a member of ${orgName} on Sprida and chose to get a digest.`,
    unsubscribe: "Unsubscribe from the digest",
  },
} satisfies Record<Locale, DigestWords>;
