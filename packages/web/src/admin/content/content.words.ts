import type { Catalogue } from "../../i18n/en";

/** The content place's words (keys under `admin.content`). */
const en = {
  title: "Content",
};

export const contentWords = {
  en,
  sv: {
    title: "Innehåll",
  } satisfies Catalogue<typeof en>,
};
