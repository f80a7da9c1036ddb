import { queryOptions } from "@tanstack/react-query";
import { api, call } from "../api";

export type Range = { from: string; to: string };
export const DIMENSIONS = ["channel", "content", "campaign", "topic", "segment"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** What the dashboard reads: the reports API for one range. */
export const AdminQueries = {
  overview: (range: Range) =>
    queryOptions({
      queryKey: ["admin", "overview", range],
      queryFn: () => call(api.GET("/api/admin/reports/overview", { params: { query: range } })),
    }),
  series: (range: Range) =>
    queryOptions({
      queryKey: ["admin", "series", range],
      queryFn: () =>
        call(
          api.GET("/api/admin/reports/series", {
            params: { query: { ...range, granularity: "day" } },
          }),
        ),
    }),
  breakdown: (dimension: Dimension, range: Range) =>
    queryOptions({
      queryKey: ["admin", "breakdown", dimension, range],
      queryFn: () =>
        call(
          api.GET("/api/admin/reports/breakdown/{dimension}", {
            params: { path: { dimension }, query: range },
          }),
        ),
    }),
};

/** The CSV of the same breakdown and range (the API writes it; the browser downloads it). */
export const breakdownCsvUrl = (dimension: Dimension, { from, to }: Range) =>
  `/api/admin/reports/breakdown/${dimension}?${new URLSearchParams({ from, to, format: "csv" })}`;

/** The last `days` local days up to today, in the browser's calendar (the API clamps to its own). */
export function lastDays(days: number, now = new Date()): Range {
  const day = (date: Date) =>
    `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
  const from = new Date(now);
  from.setDate(from.getDate() - (days - 1));
  return { from: day(from), to: day(now) };
}
