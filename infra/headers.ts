import { Duration } from "aws-cdk-lib";
/** What the app reads of any request, on either of its functions. */
export const VIEWER_HEADERS = [
  "Accept",
  "Accept-Language",
  "Content-Type",
  "Origin",
  "Referer",
  "User-Agent",
] as const;

/** HSTS max-age: one year. */
export const HSTS_MAX_AGE = Duration.days(365);
