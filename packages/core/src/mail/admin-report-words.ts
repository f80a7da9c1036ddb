import type { Locale } from "../schema";
import type { WeeklyFigure } from "./weekly.schema";

type Metric = WeeklyFigure["metric"];

/** The admin report's words; metric names are the dashboard's own (one name per idea). */
interface AdminReportWords {
  subject: (orgName: string, week: number) => string;
  heading: (orgName: string, week: number) => string;
  intro: (orgName: string, days: string) => string;
  preheader: (shares: string, uniqueClicks: string) => string;
  metric: Record<Metric, string>;
  change: {
    up: (percent: string) => string;
    down: (percent: string) => string;
    /** A rate's change (participation, cash ROI), in percentage points. */
    upPoints: (points: string) => string;
    downPoints: (points: string) => string;
    same: string;
    new: string;
    none: string;
  };
  provisionalMark: string;
  provisionalNote: string;
  daily: string;
  section: {
    topContent: string;
    channels: string;
    campaigns: string;
    topMembers: string;
  };
  topMembersNote: string;
  column: {
    content: string;
    channel: string;
    campaign: string;
    member: string;
    uniqueClicks: string;
    confirmedShares: string;
    emv: string;
  };
  row: (label: string, uniqueClicks: string, confirmedShares: string) => string;
  dashboard: string;
  reason: (orgName: string) => string;
  unsubscribe: string;
}

export const adminReportWords = {
  sv: {
    subject: (orgName, week) => `Sprida: ${orgName}, vecka ${week}`,
    heading: (orgName, week) => `${orgName}: vecka ${week}`,
    intro: (orgName, days) =>
      `Veckans siffror för ${orgName}, ${days}: desamma som i översikten i Sprida.`,
    preheader: (shares, uniqueClicks) =>
      `${shares} bekräftade delningar och ${uniqueClicks} unika klick av människor i veckan.`,
    metric: {
      confirmedShares: "Bekräftade delningar",
      participation: "Deltagande",
      humanClicks: "Klick av människor",
      uniqueClicks: "Unika klick av människor",
      potentialReach: "Möjlig räckvidd",
      emv: "Mediavärde (EMV)",
      valueRatio: "Värdekvot",
      cashRoi: "Kassa-ROI",
    },
    change: {
      up: (percent) => `▲ ${percent} från förra veckan`,
      down: (percent) => `▼ ${percent} från förra veckan`,
      upPoints: (points) => `▲ ${points} procentenheter från förra veckan`,
      downPoints: (points) => `▼ ${points} procentenheter från förra veckan`,
      same: "Samma som förra veckan",
      new: "Nytt den här veckan",
      none: "Inget att jämföra med",
    },
    provisionalMark: "preliminär",
    provisionalNote:
      "Preliminär: siffran kan fortfarande ändras, eftersom klick inom tillskrivningsfönstret eller en preliminär kostnad kan komma till.",
    daily: "Unika klick av människor per dag",
    section: {
      topContent: "Mest klickat innehåll",
      channels: "Kanaler",
      campaigns: "Kampanjer",
      topMembers: "Flest klick bland namngivna medlemmar",
    },
    topMembersNote: "Bara medlemmar som valt att visa sitt namn för administratörer listas.",
    column: {
      content: "Innehåll",
      channel: "Kanal",
      campaign: "Kampanj",
      member: "Medlem",
      uniqueClicks: "Unika klick",
      confirmedShares: "Bekräftade delningar",
      emv: "EMV",
    },
    row: (label, uniqueClicks, confirmedShares) =>
      `${label}: ${uniqueClicks} unika klick, ${confirmedShares} bekräftade delningar`,
    dashboard: "Öppna översikten",
    reason: (orgName) =>
      `Du får det här mejlet eftersom du är administratör för ${orgName} i Sprida och får veckorapporten.`,
    unsubscribe: "Avsluta prenumerationen på veckorapporten",
  },
  en: {
    subject: (orgName, week) => `Sprida: ${orgName}, week ${week}`,
    heading: (orgName, week) => `${orgName}: week ${week}`,
    intro: (orgName, days) =>
      `The week's figures for ${orgName}, ${days}: the same as on the dashboard in Sprida.`,
    preheader: (shares, uniqueClicks) =>
      `${shares} confirmed shares and ${uniqueClicks} unique human clicks this week.`,
    metric: {
      confirmedShares: "Confirmed shares",
      participation: "Participation",
      humanClicks: "Human clicks",
      uniqueClicks: "Unique human clicks",
      potentialReach: "Potential reach",
      emv: "Earned media value",
      valueRatio: "Value ratio",
      cashRoi: "Cash ROI",
    },
    change: {
      up: (percent) => `▲ ${percent} from last week`,
      down: (percent) => `▼ ${percent} from last week`,
      upPoints: (points) => `▲ ${points} percentage points from last week`,
      downPoints: (points) => `▼ ${points} percentage points from last week`,
      same: "Same as last week",
      new: "New this week",
      none: "Nothing to compare with",
    },
    provisionalMark: "provisional",
    provisionalNote:
      "Provisional: the figure may still change, as clicks within the attribution window or a provisional cost can still come in.",
    daily: "Unique human clicks per day",
    section: {
      topContent: "Top content",
      channels: "Channels",
      campaigns: "Campaigns",
      topMembers: "Top named members",
    },
    topMembersNote: "Only members who chose to show their name to admins are listed.",
    column: {
      content: "Content",
      channel: "Channel",
      campaign: "Campaign",
      member: "Member",
      uniqueClicks: "Unique clicks",
      confirmedShares: "Confirmed shares",
      emv: "EMV",
    },
    row: (label, uniqueClicks, confirmedShares) =>
      `${label}: ${uniqueClicks} unique clicks, ${confirmedShares} confirmed shares`,
    dashboard: "Open the dashboard",
    reason: (orgName) =>
      `You get this e-mail because you are an admin of ${orgName} on Sprida and get the weekly report.`,
    unsubscribe: "Unsubscribe from the weekly report",
  },
} satisfies Record<Locale, AdminReportWords>;
