import type { HandlerPath } from "@sprida/core/event";
import { Duration } from "aws-cdk-lib";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { NagSuppressions } from "cdk-nag";
import type { App, Stack } from "sst/constructs";
import {
  FRONT_DOOR_HEADER,
  FRONT_DOOR_PARAMETER_VARIABLE,
} from "../packages/functions/src/http/front-door/front-door";
import { grantReadParameter, handlerFunction, type RuntimeResources } from "./function";
import { VIEWER_HEADERS } from "./headers";

/** The Lambda entry of the front door (packages/functions/src/http/front-door/handler.ts). */
export const FRONT_DOOR_HANDLER: HandlerPath =
  "packages/functions/src/http/front-door/handler.handler";

/**
 * The paths that other servers and plain HTML forms POST to, which cannot send the SHA-256 of
 * their body that the API's origin access control needs (a browser's fetch can, and does):
 *
 * - `/sign-in*` and `/join*`: the server-rendered sign-in, code and invitation forms (no
 *   JavaScript needed);
 * - `/api/unsubscribe/one-click`: RFC 8058 one-click unsubscribe POSTs from mail providers
 *   (the hub's own unsubscribe page, `/unsubscribe`, is the web app's and calls the API);
 * - `/api/scim/*`: SCIM provisioning clients, with a bearer token per organisation;
 * - `/api/conversions/*`: conversions posted by other servers, HMAC-signed.
 *
 * Every route there authenticates itself (a form's one-time token or code, a bearer token, a
 * signature, a signed unsubscribe link); none trusts a session cookie alone for a change.
 */
export const FRONT_DOOR_PATH_PATTERNS = [
  "/sign-in*",
  "/join*",
  "/api/unsubscribe/one-click",
  "/api/scim/*",
  "/api/conversions/*",
] as const;

/**
 * The viewer headers the front door reads: those of the API (infra/api.ts) without the
 * content hash, plus Authorization for SCIM's bearer token and the signature headers of
 * server-to-server posts. Authorization is forwarded by the cache policy below (CloudFront
 * allows it in no origin request policy).
 */
export const FRONT_DOOR_FORWARDED_HEADERS = [
  ...VIEWER_HEADERS,
  "X-Sprida-Signature",
  "X-Sprida-Timestamp",
  "CloudFront-Viewer-Address",
] as const;

/**
 * The front door: the API's app in a second function whose URL takes unsigned requests
 * (auth type NONE), behind the same distribution on the paths above. CloudFront adds a
 * header with a random secret (kept in Secrets Manager, put into the distribution by
 * CloudFormation's dynamic reference, never in the template) and the function refuses any
 * request without it before the app runs; the function reads the secret through its SSM
 * reference. Compared in the README ("Third-party POSTs") with API Gateway and Lambda@Edge.
 */
export function addFrontDoor(
  app: App,
  stack: Stack,
  resources: RuntimeResources,
  distribution: cloudfront.Distribution,
  responseHeadersPolicy: cloudfront.IResponseHeadersPolicy,
) {
  const secret = new secretsmanager.Secret(stack, "FrontDoorSecret", {
    description: `Sprida ${app.stage}: the header CloudFront adds to front-door requests`,
    generateSecretString: { passwordLength: 48, excludePunctuation: true },
  });

  const frontDoor = handlerFunction(stack, "FrontDoor", resources, {
    // Sign-in (codes spent and removed), invitations accepted, SCIM deprovisioning,
    // conversions recorded with their events; sessions sealed with the keyring.
    access: { table: "manage", publishes: true, usesKeyring: true },
    handler: FRONT_DOOR_HANDLER,
    description:
      "Forms and server-to-server POSTs (SCIM, conversions, unsubscribe), via CloudFront",
    memorySize: "1024 MB",
    timeout: "10 seconds",
  });
  const parameterName = `/aws/reference/secretsmanager/${secret.secretName}`;
  frontDoor.addEnvironment(FRONT_DOOR_PARAMETER_VARIABLE, parameterName);
  secret.grantRead(frontDoor);
  grantReadParameter(stack, frontDoor, parameterName);
  const url = frontDoor.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

  const originRequestPolicy = new cloudfront.OriginRequestPolicy(stack, "FrontDoorOriginRequest", {
    originRequestPolicyName: app.logicalPrefixedName("front-door-origin-request"),
    comment: "Sprida front door: viewer headers it reads (never Host), the viewer address",
    headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(
      ...FRONT_DOOR_FORWARDED_HEADERS,
    ),
    cookieBehavior: cloudfront.OriginRequestCookieBehavior.all(),
    queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
  });
  // Authorization reaches an origin only as part of a cache key. The front door answers
  // `Cache-Control: no-store`, so with these TTLs nothing is kept; a policy whose maximum TTL
  // is 0 may not name headers at all.
  const cachePolicy = new cloudfront.CachePolicy(stack, "FrontDoorCache", {
    cachePolicyName: app.logicalPrefixedName("front-door-cache"),
    comment: "Sprida front door: Authorization forwarded; responses say no-store",
    minTtl: Duration.seconds(0),
    defaultTtl: Duration.seconds(0),
    maxTtl: Duration.seconds(1),
    headerBehavior: cloudfront.CacheHeaderBehavior.allowList("Authorization"),
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
  });

  const origin = new origins.FunctionUrlOrigin(url, {
    customHeaders: { [FRONT_DOOR_HEADER]: secret.secretValue.unsafeUnwrap() },
  });
  for (const pattern of FRONT_DOOR_PATH_PATTERNS) {
    distribution.addBehavior(pattern, origin, {
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy,
      originRequestPolicy,
      responseHeadersPolicy,
    });
  }

  NagSuppressions.addResourceSuppressions(secret, [
    {
      id: "AwsSolutions-SMG4",
      reason:
        "Rotating the front-door secret means redeploying the distribution with the new value " +
        "(the function reads it again after a mismatch); docs/deploy.md has the steps. An " +
        "automatic rotation would refuse requests until the next deploy.",
    },
  ]);
  return { frontDoor, secret };
}
