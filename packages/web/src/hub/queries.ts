import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api, call } from "../api";

/**
 * What the hub reads, one query each, cached by TanStack Query: a page shows what it has at
 * once and refreshes behind it. Personal data stays in memory; nothing here is persisted.
 */
export const Queries = {
  session: queryOptions({
    queryKey: ["session"],
    queryFn: () => call(api.GET("/api/session")),
    staleTime: 60_000,
    retry: false,
  }),
  me: queryOptions({ queryKey: ["me"], queryFn: () => call(api.GET("/api/me")) }),
  organisation: queryOptions({
    queryKey: ["organisation"],
    queryFn: () => call(api.GET("/api/organisation")),
    staleTime: 5 * 60_000,
  }),
  channels: queryOptions({
    queryKey: ["channels"],
    queryFn: () => call(api.GET("/api/channels")),
    staleTime: Number.POSITIVE_INFINITY,
  }),
  topics: queryOptions({ queryKey: ["topics"], queryFn: () => call(api.GET("/api/topics")) }),
  campaigns: queryOptions({
    queryKey: ["campaigns"],
    queryFn: () => call(api.GET("/api/campaigns")),
  }),
  feed: (topic: string | undefined) =>
    infiniteQueryOptions({
      queryKey: ["feed", topic ?? null],
      queryFn: ({ pageParam }) =>
        call(
          api.GET("/api/feed", {
            params: {
              query: {
                limit: 10,
                ...(topic && { topic }),
                ...(pageParam && { cursor: pageParam }),
              },
            },
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.cursor ?? undefined,
    }),
  standing: queryOptions({
    queryKey: ["standing"],
    queryFn: () => call(api.GET("/api/me/points")),
  }),
  myLinks: queryOptions({
    queryKey: ["my-links"],
    queryFn: () => call(api.GET("/api/me/links")),
  }),
  leaderboard: (period: "week" | "month" | "all") =>
    queryOptions({
      queryKey: ["leaderboard", period],
      queryFn: () => call(api.GET("/api/leaderboard", { params: { query: { period } } })),
    }),
  recorded: (locale: "sv" | "en") =>
    queryOptions({
      queryKey: ["recorded", locale],
      queryFn: () => call(api.GET("/api/me/recorded", { params: { query: { locale } } })),
    }),
};
