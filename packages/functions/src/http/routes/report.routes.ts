import { Report } from "@sprida/core/report";
import type { Context } from "hono";
import { z } from "zod";
import { actorOf, session } from "../callers";
import { defineRoute } from "../route";

const Format = z.enum(["json", "csv"]).default("json");

function csv(c: Context, name: string, body: string) {
  c.header("content-type", "text/csv; charset=utf-8");
  c.header("content-disposition", `attachment; filename="${name}.csv"`);
  return c.body(body);
}

/** The programme's reports: value and ROI, series for charts, breakdowns, the raw export. */
export const ReportRoutes = [
  defineRoute({
    method: "get",
    path: "/api/admin/reports/overview",
    summary:
      "Counts, potential reach, EMV, cost, value ratio, cash ROI and participation over local days (default: the last 30), with freshness and provisional marks",
    tag: "Reports",
    access: session("admin"),
    query: Report.SegmentedQuery,
    response: Report.Overview,
    handler: async ({ caller, query }) => Report.overview(actorOf(caller), query),
  }),
  defineRoute({
    method: "get",
    path: "/api/admin/reports/series",
    summary: "The figures per day, ISO week or month of a range, for charts; ?format=csv",
    tag: "Reports",
    access: session("admin"),
    query: Report.SeriesQuery.extend({
      granularity: Report.Granularity.default("day"),
      format: Format,
    }),
    response: z.object({
      from: z.string(),
      to: z.string(),
      granularity: Report.Granularity,
      points: z.array(Report.SeriesPoint),
    }),
    handler: async ({ caller, query, c }) => {
      const { format, ...rest } = query;
      const result = await Report.series(actorOf(caller), rest);
      if (format === "json") return result;
      return csv(
        c,
        `sprida-series-${result.granularity}-${result.from}-${result.to}`,
        Report.seriesCsv(result.points),
      );
    },
  }),
  defineRoute({
    method: "get",
    path: "/api/admin/reports/breakdown/:dimension",
    summary:
      "One breakdown of a range: content, channel, campaign, topic, segment (groups under five hidden) or member (only the named); ?format=csv",
    tag: "Reports",
    access: session("admin"),
    params: z.strictObject({ dimension: Report.BreakdownDimension }),
    query: Report.ReportQuery.extend({ format: Format }),
    response: Report.ReportBreakdown,
    handler: async ({ caller, params, query, c }) => {
      const { format, ...range } = query;
      const result = await Report.breakdown(actorOf(caller), params.dimension, range);
      if (format === "json") return result;
      return csv(
        c,
        `sprida-${result.dimension}-${result.from}-${result.to}`,
        Report.breakdownCsv(result),
      );
    },
  }),
  defineRoute({
    method: "get",
    path: "/api/admin/reports/export",
    summary:
      "The raw anonymised export as CSV: every metric per local day and content, channel, campaign and topic (no members, no segments)",
    tag: "Reports",
    access: session("admin"),
    query: Report.ReportQuery,
    response: z.string(),
    handler: async ({ caller, query, c }) => {
      const body = await Report.rawExport(actorOf(caller), query);
      return csv(c, `sprida-export-${query.from ?? "last-30-days"}`, body);
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/admin/reports/recompute",
    summary:
      "Roll a past period (at most 93 days) up again under the value settings of each of its days (audited)",
    tag: "Reports",
    access: session("admin"),
    body: Report.RecomputeInput,
    response: z.object({ from: z.string(), to: z.string(), rolled: z.number().int() }),
    handler: async ({ caller, body }) => Report.recompute(actorOf(caller), body),
  }),
];
