import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en";
import { sv } from "./sv";

export const LOCALES = ["sv", "en"] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = "sprida.locale";

const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** The language chosen on this device, else the browser's if we speak it, else Swedish. */
export function initialLocale(): Locale {
  const stored = safeStorage()?.getItem(STORAGE_KEY);
  if (isLocale(stored)) return stored;
  const browser = navigator.language.slice(0, 2);
  return isLocale(browser) ? browser : "sv";
}

/** Switches the language and remembers it on this device. */
export async function setLocale(locale: Locale) {
  safeStorage()?.setItem(STORAGE_KEY, locale);
  await i18next.changeLanguage(locale);
}

/** Whether the person chose a language on this device (their profile's language wins otherwise). */
export const hasChosenLocale = () => isLocale(safeStorage()?.getItem(STORAGE_KEY));

export const currentLocale = (): Locale => (isLocale(i18next.language) ? i18next.language : "sv");

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Plurals come from Intl.PluralRules (i18next's `_one`/`_other` keys). */
export function initI18n() {
  const locale = initialLocale();
  document.documentElement.lang = locale;
  i18next.on("languageChanged", (language) => {
    document.documentElement.lang = language;
  });
  return i18next.use(initReactI18next).init({
    lng: locale,
    fallbackLng: "en",
    supportedLngs: [...LOCALES],
    resources: { en: { translation: en }, sv: { translation: sv } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}
