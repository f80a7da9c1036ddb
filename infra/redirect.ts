import { Click } from "@sprida/core/click";
import type { HandlerPath } from "@sprida/core/event";
import { Duration } from "aws-cdk-lib";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as lambda from "aws-cdk-lib/aws-lambda";
import type { App, Stack } from "sst/constructs";
import { handlerFunction, type RuntimeResources } from "./function";
import { deploySettings } from "./settings";

/** The Lambda entry of the tracked-link redirect (packages/functions/src/http/redirect). */
export const REDIRECT_HANDLER: HandlerPath = "packages/functions/src/http/redirect/handler.handler";

export const REDIRECT_PATH_PATTERN = "/r/*";

/**
 * What the redirect reads of a request, and nothing more: bot signals (User-Agent, the
 * prefetch headers), the language of the 404 page, the referrer's host, the viewer's address
 * and country as CloudFront saw them (a viewer cannot set these), and the content hash header
 * Lambda's origin access control needs for HEAD/OPTIONS with a body (none in practice).
 */
export const REDIRECT_FORWARDED_HEADERS = [
  "User-Agent",
  "Accept-Language",
  "Referer",
  "Purpose",
  "Sec-Purpose",
  "CloudFront-Viewer-Address",
  "CloudFront-Viewer-Country",
] as const;

/**
 * `/r/*` on the stage's one distribution, served by its own small function: one cached read,
 * a hash and one publish per click, so it gets less memory than the API and never waits on
 * anything else. Nothing is cached at the edge: every click must reach the function.
 */
export function addRedirect(
  app: App,
  stack: Stack,
  resources: RuntimeResources,
  distribution: cloudfront.Distribution,
) {
  const redirect = handlerFunction(stack, "Redirect", resources, {
    handler: REDIRECT_HANDLER,
    description: "Tracked links /r/{code}: 302 to the stored destination, one link.clicked event",
    memorySize: "512 MB",
    timeout: "5 seconds",
    // Reads links and settings; writes only the day's visitor salt, a sealed key on its first
    // use and, when the bus refuses, the click to the outbox. It deletes nothing.
    access: { table: "write", publishes: true, usesKeyring: true },
    // It answers with a stored destination: no link to the site, no SSM read at cold start.
    buildsLinks: false,
    // A click burst runs here and no further: the API keeps the rest (infra/settings.ts).
    reservedConcurrentExecutions: deploySettings().reservedConcurrency.redirect,
  });
  const url = redirect.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });

  const originRequestPolicy = new cloudfront.OriginRequestPolicy(stack, "RedirectOriginRequest", {
    originRequestPolicyName: app.logicalPrefixedName("redirect-origin-request"),
    comment: "Sprida redirect: bot signals, viewer address and country, the self cookie only",
    headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(...REDIRECT_FORWARDED_HEADERS),
    // The hub's signed cookie that marks the member's own clicks; no other cookie.
    cookieBehavior: cloudfront.OriginRequestCookieBehavior.allowList(Click.SELF_COOKIE),
    queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.none(),
  });

  // The function sets Referrer-Policy: no-referrer itself (the destination learns nothing of
  // the link); this policy adds HSTS and nosniff without overriding it.
  const responseHeaders = new cloudfront.ResponseHeadersPolicy(stack, "RedirectHeaders", {
    responseHeadersPolicyName: app.logicalPrefixedName("redirect-headers"),
    comment: "Sprida redirect: HSTS and nosniff; the function's own Referrer-Policy stands",
    securityHeadersBehavior: {
      strictTransportSecurity: {
        accessControlMaxAge: Duration.days(365),
        includeSubdomains: false,
        override: true,
      },
      contentTypeOptions: { override: true },
    },
  });

  distribution.addBehavior(
    REDIRECT_PATH_PATTERN,
    origins.FunctionUrlOrigin.withOriginAccessControl(url),
    {
      // Every method is answered (HEAD and OPTIONS are counted as bot clicks).
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy,
      responseHeadersPolicy: responseHeaders,
    },
  );

  new lambda.CfnPermission(stack, "RedirectInvokeFunctionFromDistribution", {
    action: "lambda:InvokeFunction",
    functionName: redirect.functionArn,
    principal: "cloudfront.amazonaws.com",
    sourceArn: distribution.distributionArn,
    invokedViaFunctionUrl: true,
  });
  return redirect;
}
