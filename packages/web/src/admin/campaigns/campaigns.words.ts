import type { Catalogue } from "../../i18n/en";

/** The campaigns place's words (keys under `admin.campaigns`). */
const en = {
  title: "Campaigns",
  intro:
    "A period with a goal: put content in a campaign from its editor, and follow the progress here.",
  add: "New campaign",
  empty: "No campaigns yet. A campaign gives a week of content a shared goal.",
  status: { upcoming: "Upcoming", running: "Running", ended: "Ended" },
  name: "Name",
  startDay: "First day",
  endDay: "Last day",
  goalKind: "Goal",
  goal: { confirmed_shares: "Confirmed shares", unique_clicks: "Unique human clicks" },
  target: "Target",
  progress: "{{done}} of {{target}} ({{percent}})",
  progressLabel: "{{goal}} per day in {{name}}",
  period: "{{from}} – {{to}}",
  edit: "Edit",
  editTitle: "Edit {{name}}",
  newTitle: "New campaign",
  create: "Create campaign",
  created: "Campaign created",
  showProgress: "Progress over time",
  hideProgress: "Hide progress",
  notStarted: "Progress shows from the first day.",
  noProgress: "No {{goal}} in this campaign yet. Put content in it from the content editor.",
};

export const campaignsWords = {
  en,
  sv: {
    title: "Kampanjer",
    intro:
      "En period med ett mål: lägg innehåll i en kampanj från dess redigering och följ framstegen här.",
    add: "Ny kampanj",
    empty: "Inga kampanjer än. En kampanj ger en veckas innehåll ett gemensamt mål.",
    status: { upcoming: "Kommande", running: "Pågår", ended: "Avslutad" },
    name: "Namn",
    startDay: "Första dag",
    endDay: "Sista dag",
    goalKind: "Mål",
    goal: { confirmed_shares: "Bekräftade delningar", unique_clicks: "Unika klick av människor" },
    target: "Målvärde",
    progress: "{{done}} av {{target}} ({{percent}})",
    progressLabel: "{{goal}} per dag i {{name}}",
    period: "{{from}} – {{to}}",
    edit: "Ändra",
    editTitle: "Ändra {{name}}",
    newTitle: "Ny kampanj",
    create: "Skapa kampanj",
    created: "Kampanjen är skapad",
    showProgress: "Framsteg över tid",
    hideProgress: "Dölj framstegen",
    notStarted: "Framstegen visas från första dagen.",
    noProgress: "Inga {{goal}} i kampanjen än. Lägg innehåll i den från innehållets redigering.",
  } satisfies Catalogue<typeof en>,
};
