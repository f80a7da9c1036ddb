import type { Catalogue } from "../../i18n/en";

/** The reports and audit places' words (keys under `admin.reports`). */
const en = {
  title: "Reports",
  intro: "Every breakdown of a period as a table and a spreadsheet, and the raw anonymised export.",
  breakdown: "By {{dimension}}",
  export: "Raw export",
  exportText:
    "Every metric per local day and content, channel, campaign and topic, as CSV. It never contains members or segments.",
  exportLink: "Download the raw export",
  column: {
    shares: "Shares",
    unique: "Unique",
    human: "Human",
    bot: "Bot",
    reach: "Reach",
    conversions: "Conversions",
    emv: "EMV",
  },
  recompute: "Recompute the period",
  recomputeTitle: "Recompute {{from}} – {{to}}?",
  recomputeText:
    "The period (at most 93 days) is rolled up again under the value settings of each of its days. Counts do not change; value and ROI follow the settings. The recompute is audited.",
  recomputed: "Recomputed {{rolled}} days",
  audit: {
    title: "Audit log",
    intro: "Every change an admin made, newest first. Only owners see it.",
    action: "Action",
    actor: "By",
    from: "From",
    to: "To",
    empty: "Nothing matches.",
    details: "Details",
    column: { time: "Time", action: "Action", actor: "By", target: "Concerning" },
    someone: "A member who left",
  },
};

export const reportsWords = {
  en,
  sv: {
    title: "Rapporter",
    intro:
      "Varje uppdelning av en period som tabell och kalkylark, och den råa anonymiserade exporten.",
    breakdown: "Per {{dimension}}",
    export: "Rå export",
    exportText:
      "Alla mått per lokal dag och innehåll, kanal, kampanj och ämne, som CSV. Den innehåller aldrig medlemmar eller grupper.",
    exportLink: "Ladda ner den råa exporten",
    column: {
      shares: "Delningar",
      unique: "Unika",
      human: "Människor",
      bot: "Robotar",
      reach: "Räckvidd",
      conversions: "Konverteringar",
      emv: "EMV",
    },
    recompute: "Räkna om perioden",
    recomputeTitle: "Räkna om {{from}} – {{to}}?",
    recomputeText:
      "Perioden (högst 93 dagar) summeras igen med värdeinställningarna som gällde varje dag. Antalen ändras inte; värde och ROI följer inställningarna. Omräkningen loggas.",
    recomputed: "Räknade om {{rolled}} dagar",
    audit: {
      title: "Granskningslogg",
      intro: "Varje ändring en administratör gjort, senaste först. Bara ägare ser den.",
      action: "Åtgärd",
      actor: "Av",
      from: "Från",
      to: "Till",
      empty: "Inget matchar.",
      details: "Detaljer",
      column: { time: "Tid", action: "Åtgärd", actor: "Av", target: "Gäller" },
      someone: "En medlem som lämnat",
    },
  } satisfies Catalogue<typeof en>,
};
