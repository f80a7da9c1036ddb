import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { hasChosenLocale } from "../i18n/i18n";
import { Queries } from "./queries";

/** Until someone picks a language on this device, the hub speaks their profile's language. */
export function useProfileLocale(signedIn: boolean) {
  const { i18n } = useTranslation();
  const me = useQuery({ ...Queries.me, enabled: signedIn });
  const locale = me.data?.locale;
  useEffect(() => {
    if (locale && !hasChosenLocale() && i18n.language !== locale) void i18n.changeLanguage(locale);
  }, [locale, i18n]);
}
