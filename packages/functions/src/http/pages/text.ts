import type { Context } from "hono";

export type PageLocale = "sv" | "en";

/** Every string the server-rendered pages show, in Swedish and English. */
export const TEXT = {
  sv: {
    signInTitle: "Logga in på Sprida",
    signInButton: "Logga in",
    signInExplain: "Tryck på knappen för att logga in. Länken fungerar en gång och i 15 minuter.",
    emailLabel: "E-postadress",
    sendLink: "Skicka inloggningslänk",
    codeLabel: "Sexsiffrig kod från e-postmeddelandet",
    useCode: "Logga in med kod",
    orCode: "Har du fått en kod? Ange den här.",
    checkInbox: "Om adressen finns hos oss är en länk och en kod på väg. Titta i inkorgen.",
    failed: "Det gick inte att logga in",
    tryAgain: "Be om en ny länk",
    joinTitle: (org: string) => `Gå med i ${org} på Sprida`,
    guidelines: "Riktlinjer för sociala medier",
    acceptGuidelines: "Jag har läst och godkänner riktlinjerna, och jag vill delta.",
    joinButton: "Gå med",
    joinExplain:
      "Att delta är frivilligt och du kan lämna när du vill. Inget om din aktivitet registreras innan du går med.",
    signOut: "Logga ut",
  },
  en: {
    signInTitle: "Sign in to Sprida",
    signInButton: "Sign in",
    signInExplain: "Press the button to sign in. The link works once, for 15 minutes.",
    emailLabel: "E-mail address",
    sendLink: "Send me a sign-in link",
    codeLabel: "Six-digit code from the e-mail",
    useCode: "Sign in with code",
    orCode: "Got a code? Enter it here.",
    checkInbox: "If we know the address, a link and a code are on their way. Check your inbox.",
    failed: "Signing in did not work",
    tryAgain: "Ask for a new link",
    joinTitle: (org: string) => `Join ${org} on Sprida`,
    guidelines: "Social media guidelines",
    acceptGuidelines: "I have read and accept the guidelines, and I want to take part.",
    joinButton: "Join",
    joinExplain:
      "Taking part is voluntary and you can leave at any time. Nothing about your activity is recorded before you join.",
    signOut: "Sign out",
  },
} as const;

/** The visitor's language from the ?lang= choice or Accept-Language; English otherwise. */
export function pageLocale(c: Context, preferred?: PageLocale): PageLocale {
  const chosen = c.req.query("lang");
  if (chosen === "sv" || chosen === "en") return chosen;
  if (preferred) return preferred;
  const accept = c.req.header("accept-language") ?? "";
  return /^\s*sv\b/i.test(accept) ? "sv" : "en";
}
