import type { Catalogue } from "../../i18n/en";

/** The members place's words (keys under `admin.members`). */
const en = {
  title: "Members",
};

export const membersWords = {
  en,
  sv: {
    title: "Medlemmar",
  } satisfies Catalogue<typeof en>,
};
