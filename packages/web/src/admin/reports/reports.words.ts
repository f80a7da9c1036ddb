import type { Catalogue } from "../../i18n/en";

/** The reports place's words (keys under `admin.reports`). */
const en = {
  title: "Reports",
};

export const reportsWords = {
  en,
  sv: {
    title: "Rapporter",
  } satisfies Catalogue<typeof en>,
};
