import type { HandlerPath } from "@sprida/core/event";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as ssm from "aws-cdk-lib/aws-ssm";
import { NagSuppressions } from "cdk-nag";
import { type StackContext, use } from "sst/constructs";
import { Alerts } from "./alerts";
import { Bus } from "./bus";
import { addFrontDoor } from "./front-door";
import { handlerFunction } from "./function";
import { securityHeadersBehavior, VIEWER_HEADERS } from "./headers";
import { grantSendMail } from "./mail";
import { suppressSstStackInternals } from "./nag";
import { addRedirect } from "./redirect";
import { deploySettings, publicOriginSource } from "./settings";
import { signInBudgetAlarm } from "./sign-in-alarm";
import { Storage } from "./storage";
import { stageWebAcl } from "./waf";
import { addWebSite, webSiteOrigin } from "./web-site";

/** The Lambda entry of the Hono app (packages/functions/src/http/api.ts). */
export const API_HANDLER: HandlerPath = "packages/functions/src/http/api.handler";

/**
 * The viewer headers CloudFront passes to the API function, plus CloudFront-Viewer-Address.
 *
 * The app takes the client address ONLY from CloudFront-Viewer-Address (client-key.ts), so it
 * must reach the function, and Host must not (a function URL refuses a request whose Host is
 * not its own). CloudFront's header behaviours cannot say "all viewer headers except Host, plus
 * a CloudFront header": `allExcept` forwards viewer headers only (the listed ones excepted; no
 * CloudFront header can be added), and `allViewerAndWhitelistCloudFront` always forwards Host.
 * Hence an allow list, of what the app reads or will read:
 *
 * - Accept, Accept-Language (pages), Content-Type (bodies), Origin (the check on every state
 *   change), Referer, User-Agent (otherwise CloudFront sends "Amazon CloudFront");
 * - X-Amz-Content-Sha256: the origin access control signs every origin request with SigV4 and
 *   Lambda accepts no unsigned payload, so a POST/PUT with a body only reaches the function when
 *   the viewer sends the SHA-256 (hex) of the body in this header (CloudFront's documentation,
 *   "Restrict access to an AWS Lambda function URL origin"); a POST without a body needs none;
 * - CloudFront-Viewer-Address: "ip:port" of the viewer as CloudFront saw it; CloudFront sets it,
 *   a viewer cannot.
 *
 * Authorization never reaches the function: the origin access control replaces it with its own
 * signature. CloudFront allows 10 headers per origin request policy by default (a quota that can
 * be raised). Cookies and query strings are forwarded whole.
 */
export const API_FORWARDED_HEADERS = [
  ...VIEWER_HEADERS,
  "X-Amz-Content-Sha256",
  "CloudFront-Viewer-Address",
] as const;

/** The API's paths on the distribution; the default behaviour serves the web app. */
export const API_PATH_PATTERN = "/api/*";

/**
 * The public entry point of a stage: ONE CloudFront distribution serving everything on one
 * origin: /api/* in front of the API function's URL; /r/* in front of the redirect function's
 * (infra/redirect.ts); the pages such as /sign-in and /join and other servers' POSTs in front
 * of the front door's (infra/front-door.ts); everything else, the member hub, from S3
 * (infra/web-site.ts).
 *
 * The function URL requires IAM auth (AWS_IAM) and only this distribution may invoke it: its
 * origin access control signs every request, and the function's resource policy allows the
 * CloudFront service principal for this distribution's ARN only. Requests that do not come
 * through the distribution are refused by Lambda before the function runs, so headers set by
 * CloudFront (CloudFront-Viewer-Address) can be trusted.
 */
export function Api({ app, stack }: StackContext) {
  const { table, keyring } = use(Storage);
  const { bus } = use(Bus);
  const settings = deploySettings();
  const publicOrigin = publicOriginSource(app, settings);

  // The API seals and opens secrets: webhook secrets, the self cookie, client and visitor keys.
  const api = handlerFunction(
    stack,
    "Api",
    { table, bus, keyring },
    {
      handler: API_HANDLER,
      description: "The HTTP API and server-rendered pages (Hono), behind CloudFront",
      memorySize: "1024 MB",
      timeout: "10 seconds",
      // Everything an admin or member does, including removing their own data; it publishes
      // what happened and seals secrets (webhook secrets, the self cookie, client keys).
      access: { table: "manage", publishes: true, usesKeyring: true },
    },
  );
  // Sign-in links and codes are e-mailed by the API.
  grantSendMail(api, settings.mail);
  const functionUrl = api.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });

  const originRequestPolicy = new cloudfront.OriginRequestPolicy(stack, "ApiOriginRequest", {
    originRequestPolicyName: app.logicalPrefixedName("api-origin-request"),
    comment:
      "Sprida API: viewer headers it reads (never Host), the viewer address, all cookies and query strings",
    headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(...API_FORWARDED_HEADERS),
    cookieBehavior: cloudfront.OriginRequestCookieBehavior.all(),
    queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
  });

  const securityHeaders = new cloudfront.ResponseHeadersPolicy(stack, "SecurityHeaders", {
    responseHeadersPolicyName: app.logicalPrefixedName("security-headers"),
    comment: "Sprida: HSTS, nosniff, no framing, same-origin referrers",
    securityHeadersBehavior: securityHeadersBehavior(),
  });

  const { customDomain } = settings;
  const webAclArn = stageWebAcl(app.stage, settings);
  const webSite = webSiteOrigin(app, stack);
  const distribution = new cloudfront.Distribution(stack, "Distribution", {
    comment: `Sprida ${app.stage}: web app, pages and API`,
    defaultBehavior: webSite.defaultBehavior,
    httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    // Edge locations in North America and Europe only (the cheapest class); viewers elsewhere
    // are served from the nearest of those.
    priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
    // Rate limits per client address and AWS's bad-input lists (infra/waf.ts).
    ...(webAclArn && { webAclId: webAclArn }),
    ...(customDomain && {
      domainNames: [customDomain.name, ...customDomain.alternateNames],
      certificate: acm.Certificate.fromCertificateArn(
        stack,
        "Certificate",
        customDomain.certificateArn,
      ),
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    }),
  });

  // Lambda's "dual auth" for function URLs created since October 2025: besides
  // lambda:InvokeFunctionUrl (which FunctionUrlOrigin.withOriginAccessControl grants in
  // aws-cdk-lib 2.224), CloudFront needs lambda:InvokeFunction, limited to invocations through
  // the function URL and to this distribution.
  new lambda.CfnPermission(stack, "ApiInvokeFunctionFromDistribution", {
    action: "lambda:InvokeFunction",
    functionName: api.functionArn,
    principal: "cloudfront.amazonaws.com",
    sourceArn: distribution.distributionArn,
    invokedViaFunctionUrl: true,
  });

  // The redirect opens the visitor salts and the self-cookie masters (once per cold start).
  const redirect = addRedirect(app, stack, { table, bus, keyring }, distribution);
  // Forms and other servers' POSTs; the sign-in forms e-mail links and codes too.
  const { frontDoor } = addFrontDoor(
    app,
    stack,
    { table, bus, keyring },
    distribution,
    securityHeaders,
  );
  grantSendMail(frontDoor, settings.mail);
  // After the front door's /api/scim/* and /api/conversions/*: CloudFront takes the first
  // behaviour whose pattern matches, in the order they were added.
  distribution.addBehavior(
    API_PATH_PATTERN,
    origins.FunctionUrlOrigin.withOriginAccessControl(functionUrl),
    {
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      // Every response is dynamic and per user (sessions, CSRF-checked forms): nothing cached.
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy,
      responseHeadersPolicy: securityHeaders,
    },
  );
  addWebSite(app, stack, distribution, webSite);
  signInBudgetAlarm(stack, [api, frontDoor], use(Alerts).topic);

  // Without a custom domain the public origin is the distribution's domain, published for the
  // functions through SSM (see publicOriginSource in infra/settings.ts for why).
  const siteUrl =
    "origin" in publicOrigin
      ? publicOrigin.origin
      : `https://${distribution.distributionDomainName}`;
  if ("parameterName" in publicOrigin) {
    new ssm.StringParameter(stack, "PublicOrigin", {
      parameterName: publicOrigin.parameterName,
      stringValue: siteUrl,
      description: `Sprida ${app.stage}: the public origin, base of the links in e-mails`,
      tier: ssm.ParameterTier.STANDARD,
    });
  }

  stack.addOutputs({
    SiteUrl: siteUrl,
    // With SPRIDA_DOMAIN: the target of its CNAME (or alias) record.
    DistributionDomainName: distribution.distributionDomainName,
  });

  NagSuppressions.addResourceSuppressions(distribution, [
    {
      id: "AwsSolutions-CFR1",
      reason:
        "No geo restriction: employees share to audiences anywhere, and clicks from every " +
        "country are counted.",
    },
    {
      id: "AwsSolutions-CFR3",
      reason:
        "No CloudFront access logs: they would keep every viewer's IP address and full URL (with " +
        "one-time sign-in tokens in query strings) in a second store; request and error rates " +
        "are CloudWatch metrics of the distribution, and the function logs what it serves.",
    },
  ]);
  if (!webAclArn) {
    NagSuppressions.addResourceSuppressions(distribution, [
      {
        id: "AwsSolutions-CFR2",
        reason:
          "A disposable stage may run without AWS WAF (its web ACL costs a monthly fee per ACL " +
          "and rule): protected stages require SPRIDA_WAF_ACL_ARN (infra/waf.ts). The API " +
          "rate-limits sign-in by client address itself.",
      },
    ]);
  }
  if (!customDomain) {
    NagSuppressions.addResourceSuppressions(distribution, [
      {
        id: "AwsSolutions-CFR4",
        reason:
          "Without SPRIDA_DOMAIN the distribution uses CloudFront's default *.cloudfront.net " +
          "certificate, whose security policy CloudFront fixes (TLSv1); with SPRIDA_DOMAIN and " +
          "its certificate the minimum is TLSv1.2_2021.",
      },
    ]);
  }

  suppressSstStackInternals(stack);
  return { api, redirect, frontDoor, distribution, siteUrl };
}
