import type { Catalogue } from "../../i18n/en";

/** The campaigns place's words (keys under `admin.campaigns`). */
const en = {
  title: "Campaigns",
};

export const campaignsWords = {
  en,
  sv: {
    title: "Kampanjer",
  } satisfies Catalogue<typeof en>,
};
