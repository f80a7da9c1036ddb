import i18next from "i18next";
import { campaignsWords } from "./campaigns/campaigns.words";
import { contentWords } from "./content/content.words";
import { dashboardWords } from "./dashboard.words";
import { mailWords } from "./mail/mail.words";
import { membersWords } from "./members/members.words";
import { reportsWords } from "./reports/reports.words";
import { settingsWords } from "./settings/settings.words";
import { commonWords } from "./ui/common.words";

/**
 * The admin site's words, under `admin.` in both languages. They travel with the admin site's
 * code (added to i18next when it loads), so the hub's first load carries none of them.
 */
const words = (language: "en" | "sv") => ({
  admin: {
    ...dashboardWords[language],
    ...commonWords[language],
    content: contentWords[language],
    members: membersWords[language],
    campaigns: campaignsWords[language],
    settings: settingsWords[language],
    reports: reportsWords[language],
    mail: mailWords[language],
  },
});

export const adminWords = { en: words("en"), sv: words("sv") };

/** Adds the admin words to i18next (deep, so `admin.` keys beside the hub's stay). */
export function addAdminWords() {
  for (const language of ["en", "sv"] as const) {
    i18next.addResourceBundle(language, "translation", adminWords[language], true, true);
  }
}
