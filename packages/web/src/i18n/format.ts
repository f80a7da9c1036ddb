import { useTranslation } from "react-i18next";

/** The Intl locale of a page language: British English or Swedish. */
export const intlLocale = (language: string) => (language === "en" ? "en-GB" : "sv-SE");

/** Numbers, dates and ages in the current language, through Intl. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = intlLocale(i18n.language);
  const number = new Intl.NumberFormat(locale);
  const compact = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short" });
  const day = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric" });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  return {
    number: (value: number) => number.format(value),
    compact: (value: number) => compact.format(value),
    date: (iso: string) => date.format(new Date(iso)),
    /** A local day (YYYY-MM-DD) as a date, read at noon UTC so no time zone moves it. */
    day: (localDay: string) => day.format(new Date(`${localDay}T12:00:00Z`)),
    age: (iso: string, now = Date.now()) => {
      const seconds = (new Date(iso).getTime() - now) / 1000;
      const units: [Intl.RelativeTimeFormatUnit, number][] = [
        ["year", 31_536_000],
        ["month", 2_592_000],
        ["week", 604_800],
        ["day", 86_400],
        ["hour", 3_600],
        ["minute", 60],
      ];
      for (const [unit, size] of units) {
        if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
      }
      return relative.format(0, "minute");
    },
  };
}
