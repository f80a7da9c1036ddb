import { useTranslation } from "react-i18next";
import { intlLocale } from "../../i18n/format";

/** Minor units (öre, cents) as money in the organisation's currency and the page's language. */
export function useMoney(currency: string | undefined) {
  const { i18n } = useTranslation();
  const locale = intlLocale(i18n.language);
  const format = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: currency ?? "SEK",
    maximumFractionDigits: 2,
  });
  return (minor: number) => format.format(minor / 100);
}

/** Fractions as a percentage and ratios as "× n", in the page's language. */
export function useRatios() {
  const { i18n } = useTranslation();
  const locale = intlLocale(i18n.language);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const ratio = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return {
    percent: (fraction: number | null) => (fraction === null ? "—" : percent.format(fraction)),
    ratio: (value: number | null) => (value === null ? "—" : ratio.format(value)),
  };
}
