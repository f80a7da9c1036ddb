import type { Catalogue } from "../../i18n/en";

/** The settings place's words (keys under `admin.settings`). */
const en = {
  title: "Settings",
};

export const settingsWords = {
  en,
  sv: {
    title: "Inställningar",
  } satisfies Catalogue<typeof en>,
};
