/** What the app reads of any request, on either of its functions. */
export const VIEWER_HEADERS = [
  "Accept",
  "Accept-Language",
  "Content-Type",
  "Origin",
  "Referer",
  "User-Agent",
] as const;
