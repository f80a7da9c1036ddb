import type { AdminReportContent, WeeklyFigure, WeeklyRow } from "../mail";
import type { MembershipRef } from "../member";
import { Report } from "../report";
import type { Locale } from "../schema";
import { spanOf, weekBefore } from "./week";

const TOP_ROWS = 5;

/** What the admin report needs besides the numbers: its reader's language and links. */
export interface ReportFrame {
  locale: Locale;
  orgName: string;
  dashboard: string;
  links: AdminReportContent["links"];
}

/** The admin report without its reader's frame: the same for every admin of the week. */
export type AdminReportFigures = Omit<AdminReportContent, keyof ReportFrame>;

/**
 * The week's admin report, read through the reports API's own functions for the same days
 * (so the e-mail's numbers are the dashboard's): the overview of the week and of the week
 * before, the week's days, and its top content, channels, campaigns and named members.
 */
export async function adminReportContent(
  reader: MembershipRef,
  week: string,
  frame: ReportFrame,
): Promise<AdminReportContent> {
  return { ...(await adminReportFigures(reader, week)), ...frame };
}

/** The report's numbers, as `reader` (an admin) would read them in the reports API. */
export async function adminReportFigures(
  reader: MembershipRef,
  week: string,
): Promise<AdminReportFigures> {
  const span = spanOf(week);
  const previous = spanOf(weekBefore(week));
  const range = { from: span.from, to: span.to };
  const [now, before, series, content, channels, campaigns, members] = await Promise.all([
    Report.overview(reader, range),
    Report.overview(reader, { from: previous.from, to: previous.to }),
    Report.series(reader, { ...range, granularity: "day" }),
    Report.breakdown(reader, "content", range),
    Report.breakdown(reader, "channel", range),
    Report.breakdown(reader, "campaign", range),
    Report.breakdown(reader, "member", range),
  ]);
  const provisional = now.freshness.provisional;
  const figure = (
    metric: WeeklyFigure["metric"],
    of: (overview: Report.Overview) => number | null,
  ): WeeklyFigure => ({ metric, value: of(now), previous: of(before), provisional });
  return {
    currency: now.value.currency,
    week: span,
    figures: [
      figure("confirmedShares", (o) => o.counts.sharesConfirmed),
      figure("participation", (o) => o.participation.rate),
      figure("humanClicks", (o) => o.counts.humanClicks),
      figure("uniqueClicks", (o) => o.counts.uniqueClicks),
      figure("potentialReach", (o) => o.counts.potentialReach),
      figure("emv", (o) => o.value.emv),
      figure("valueRatio", (o) => o.value.valueRatio),
      figure("cashRoi", (o) => o.value.cashRoi),
    ],
    daily: series.points.map((point) => ({
      day: point.from,
      uniqueClicks: point.counts.uniqueClicks,
    })),
    topContent: top(content),
    channels: top(channels),
    campaigns: top(campaigns),
    topMembers: top(members),
  };
}

function top(breakdown: Report.ReportBreakdown): WeeklyRow[] {
  return breakdown.rows
    .filter((row) => !row.other && (row.counts.uniqueClicks > 0 || row.counts.sharesConfirmed > 0))
    .slice(0, TOP_ROWS)
    .map((row) => ({
      label: row.label,
      uniqueClicks: row.counts.uniqueClicks,
      confirmedShares: row.counts.sharesConfirmed,
      ...(row.emv !== undefined && { emv: row.emv }),
    }));
}
