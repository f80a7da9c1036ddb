import { Duration } from "aws-cdk-lib";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
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

/**
 * The security headers CloudFront adds to every answer: HSTS, nosniff, no framing,
 * same-origin referrers; the web apps add their Content-Security-Policy.
 */
export function securityHeadersBehavior(
  contentSecurityPolicy?: string,
): cloudfront.ResponseSecurityHeadersBehavior {
  return {
    // Not includeSubdomains: SPRIDA_DOMAIN may be a name under which others run other sites.
    strictTransportSecurity: {
      accessControlMaxAge: HSTS_MAX_AGE,
      includeSubdomains: false,
      override: true,
    },
    contentTypeOptions: { override: true },
    frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
    referrerPolicy: {
      referrerPolicy: cloudfront.HeadersReferrerPolicy.SAME_ORIGIN,
      override: true,
    },
    ...(contentSecurityPolicy && {
      contentSecurityPolicy: { contentSecurityPolicy, override: true },
    }),
  };
}
