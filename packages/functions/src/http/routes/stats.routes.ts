import { Stats } from "@sprida/core/stats";
import { z } from "zod";
import { actorOf, session } from "../callers";
import { defineRoute } from "../route";

/** Admins' breakdowns of the counts; groups of people smaller than five never shown. */
export const StatsRoutes = [
  defineRoute({
    method: "get",
    path: "/api/admin/stats/:dimension",
    summary:
      "Counts per content item, campaign, channel or segment over local days (default: the last 30); ?format=csv for a spreadsheet",
    tag: "Stats",
    access: session("admin"),
    params: z.strictObject({ dimension: Stats.StatsDimension }),
    query: Stats.StatsQuery.extend({ format: z.enum(["json", "csv"]).default("json") }),
    response: Stats.Breakdown,
    handler: async ({ caller, params, query, c }) => {
      const { format, ...period } = query;
      const stats = await Stats.breakdown(actorOf(caller), params.dimension, period);
      if (format === "json") return stats;
      c.header("content-type", "text/csv; charset=utf-8");
      c.header(
        "content-disposition",
        `attachment; filename="sprida-${stats.dimension}-${stats.from}-${stats.to}.csv"`,
      );
      return c.body(Stats.breakdownCsv(stats));
    },
  }),
];
