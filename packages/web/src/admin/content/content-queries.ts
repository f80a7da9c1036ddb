import { queryOptions } from "@tanstack/react-query";
import { api, call } from "../../api";
import type { paths } from "../../api/api-types";

export type ContentItem =
  paths["/api/content/{contentId}"]["get"]["responses"][200]["content"]["application/json"];
export type ContentFilter = NonNullable<paths["/api/content"]["get"]["parameters"]["query"]>;

/** What the content places read: the library, one item, the feeds, the campaigns to pick. */
export const ContentQueries = {
  page: (filter: ContentFilter) =>
    queryOptions({
      queryKey: ["admin", "content", "list", filter],
      queryFn: () => call(api.GET("/api/content", { params: { query: filter } })),
    }),
  item: (contentId: string) =>
    queryOptions({
      queryKey: ["admin", "content", "item", contentId],
      queryFn: () => call(api.GET("/api/content/{contentId}", { params: { path: { contentId } } })),
    }),
  feeds: () =>
    queryOptions({
      queryKey: ["admin", "rss-feeds"],
      queryFn: () => call(api.GET("/api/rss-feeds")),
    }),
  campaigns: () =>
    queryOptions({
      queryKey: ["admin", "campaigns"],
      queryFn: () => call(api.GET("/api/admin/campaigns")),
      staleTime: 60_000,
    }),
};

/** Everything under the library's key: refreshed after any change to an item. */
export const CONTENT_KEY = ["admin", "content"];

/** An ISO instant as a `datetime-local` value in the browser's time zone, and back. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export const fromLocalInput = (value: string): string | null =>
  value ? new Date(value).toISOString() : null;
