import { queryOptions } from "@tanstack/react-query";
import { api, call } from "../api";

export type Range = { from: string; to: string };
export const DIMENSIONS = ["channel", "content", "campaign", "topic", "segment"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Granularity = "day" | "week" | "month";

/** A range, narrowed to one segment when given (the overview and the series only). */
const scoped = (range: Range, segment?: string) => ({ ...range, ...(segment && { segment }) });

/** What the dashboard and the reports read: the reports API for one range. */
export const AdminQueries = {
  overview: (range: Range, segment?: string) =>
    queryOptions({
      queryKey: ["admin", "overview", range, segment ?? null],
      queryFn: () =>
        call(api.GET("/api/admin/reports/overview", { params: { query: scoped(range, segment) } })),
    }),
  series: (range: Range, granularity: Granularity = "day", segment?: string) =>
    queryOptions({
      queryKey: ["admin", "series", range, granularity, segment ?? null],
      queryFn: () =>
        call(
          api.GET("/api/admin/reports/series", {
            params: { query: { ...scoped(range, segment), granularity } },
          }),
        ),
    }),
  breakdown: (dimension: Dimension | "member", range: Range) =>
    queryOptions({
      queryKey: ["admin", "breakdown", dimension, range],
      queryFn: () =>
        call(
          api.GET("/api/admin/reports/breakdown/{dimension}", {
            params: { path: { dimension }, query: range },
          }),
        ),
    }),
  valueSettings: () =>
    queryOptions({
      queryKey: ["admin", "value-settings"],
      queryFn: () => call(api.GET("/api/admin/value-settings")),
    }),
};

/** The CSV of the same breakdown and range (the API writes it; the browser downloads it). */
export const breakdownCsvUrl = (dimension: Dimension | "member", { from, to }: Range) =>
  `/api/admin/reports/breakdown/${dimension}?${new URLSearchParams({ from, to, format: "csv" })}`;

/** The CSV of the series the chart shows. */
export const seriesCsvUrl = (range: Range, granularity: Granularity, segment?: string) =>
  `/api/admin/reports/series?${new URLSearchParams({ ...scoped(range, segment), granularity, format: "csv" })}`;

/** The last `days` local days up to today, in the browser's calendar (the API clamps to its own). */
export function lastDays(days: number, now = new Date()): Range {
  const day = (date: Date) =>
    `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
  const from = new Date(now);
  from.setDate(from.getDate() - (days - 1));
  return { from: day(from), to: day(now) };
}
