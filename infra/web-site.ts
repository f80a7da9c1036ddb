import path from "node:path";
import { Stack as CdkStack, RemovalPolicy } from "aws-cdk-lib";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import { NagSuppressions } from "cdk-nag";
import type { App, Stack } from "sst/constructs";
import {
  CACHE_FOREVER,
  CACHE_NEVER_STALE,
  CONTENT_SECURITY_POLICY,
  HASHED_DIRECTORY,
} from "../packages/web/src/site";
import { securityHeadersBehavior } from "./headers";
import { isProtected } from "./stage";

/** Vite's output of the member hub (packages/web), relative to the project root. */
export const WEB_DIST_DIRECTORY = "packages/web/dist";

/**
 * Files under `assets/` have a content hash in their names and are cached for a year; the
 * rest keep their names from build to build (the entry page, the service worker, the manifest,
 * icons, the pages' hand-over script) and are revalidated on every load. The local server
 * serves the build by the same rules (packages/web/src/site).
 */
export const WEB_HASHED_FILES = `${HASHED_DIRECTORY}/*`;
export const WEB_IMMUTABLE_CACHE_CONTROL = CACHE_FOREVER;
export const WEB_NO_CACHE_CONTROL = CACHE_NEVER_STALE;

/**
 * The SPA fallback, a CloudFront Function (cloudfront-js-2.0) on viewer requests of the default
 * behaviour: a path whose last segment has no dot is a client-side route (`/`, `/feed`,
 * `/me/data`) and gets `/index.html`; a file (`/assets/index-abc.js`, `/sw.js`) is asked of S3
 * as it is. Rewriting here, rather than with distribution-wide error responses, leaves the
 * API's own 404 and 403 answers on `/api/*` untouched.
 */
export const SPA_FALLBACK_CODE = `function handler(event) {
  var request = event.request;
  var last = request.uri.slice(request.uri.lastIndexOf("/") + 1);
  if (last.indexOf(".") === -1) request.uri = "/index.html";
  return request;
}`;

export interface WebSite {
  bucket: s3.Bucket;
  /** The distribution's default behaviour: the bucket, through an origin access control. */
  defaultBehavior: cloudfront.BehaviorOptions;
}

/**
 * The bucket of the member hub and the behaviour that serves it. A distribution's default
 * behaviour can only be given when it is created, so the Api stack builds this first and
 * deploys the files with addWebSite once the distribution exists.
 *
 * The bucket is private: only this distribution reads it (the origin access control signs each
 * request; the bucket policy allows the CloudFront service principal for this distribution's
 * ARN). Production keeps the bucket when the stage is removed, like every resource there; other
 * stages empty and delete it.
 */
export function webSiteOrigin(app: App, stack: Stack): WebSite {
  const kept = isProtected(app.stage);
  const bucket = new s3.Bucket(stack, "WebSite", {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
    removalPolicy: kept ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    autoDeleteObjects: !kept,
  });

  const spaFallback = new cloudfront.Function(stack, "SpaFallback", {
    functionName: app.logicalPrefixedName("spa-fallback"),
    comment: "Sprida web: client-side routes (no file extension) get /index.html",
    runtime: cloudfront.FunctionRuntime.JS_2_0,
    code: cloudfront.FunctionCode.fromInline(SPA_FALLBACK_CODE),
  });

  // The API's headers plus the sites' Content-Security-Policy (the same the local server sends).
  const siteHeaders = new cloudfront.ResponseHeadersPolicy(stack, "WebSecurityHeaders", {
    responseHeadersPolicyName: app.logicalPrefixedName("web-security-headers"),
    comment: "Sprida web: HSTS, nosniff, no framing, same-origin referrers, the sites' CSP",
    securityHeadersBehavior: securityHeadersBehavior(CONTENT_SECURITY_POLICY),
  });

  return {
    bucket,
    defaultBehavior: {
      origin: origins.S3BucketOrigin.withOriginAccessControl(bucket),
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      // Honours each object's Cache-Control (set by addWebSite); compressed at the edge.
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      compress: true,
      responseHeadersPolicy: siteHeaders,
      functionAssociations: [
        { function: spaFallback, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
      ],
    },
  };
}

/**
 * Uploads the built hub (WEB_DIST_DIRECTORY) to its bucket in two passes, so each file gets its
 * Cache-Control: the hashed files first (cached a year), then the entry files (no-cache), whose
 * copies at the edge are invalidated. The entry files go last so that a new index.html never
 * names assets that are not there yet. The second pass does not prune: each pass only touches
 * its own files.
 */
export function addWebSite(
  app: App,
  stack: Stack,
  distribution: cloudfront.IDistribution,
  site: WebSite,
) {
  const source = s3deploy.Source.asset(path.resolve(app.appPath, WEB_DIST_DIRECTORY));
  // Neither pass prunes: each would delete the other's files, and a tab still open on the
  // previous version may yet load that version's hashed chunks.
  const hashed = new s3deploy.BucketDeployment(stack, "WebSiteHashedFiles", {
    sources: [source],
    destinationBucket: site.bucket,
    exclude: ["*"],
    include: [WEB_HASHED_FILES],
    cacheControl: [s3deploy.CacheControl.fromString(WEB_IMMUTABLE_CACHE_CONTROL)],
    prune: false,
  });
  const entry = new s3deploy.BucketDeployment(stack, "WebSiteEntryFiles", {
    sources: [source],
    destinationBucket: site.bucket,
    exclude: [WEB_HASHED_FILES],
    cacheControl: [s3deploy.CacheControl.fromString(WEB_NO_CACHE_CONTROL)],
    prune: false,
    distribution,
    // One path, however many files: the edges drop what they held of the site.
    distributionPaths: ["/*"],
  });
  entry.node.addDependency(hashed);

  suppressWebSiteFindings(stack, site.bucket, [hashed, entry]);
  return { hashed, entry };
}

function suppressWebSiteFindings(
  stack: Stack,
  bucket: s3.Bucket,
  deployments: s3deploy.BucketDeployment[],
): void {
  NagSuppressions.addResourceSuppressions(bucket, [
    {
      id: "AwsSolutions-S1",
      reason:
        "No server access logs: the bucket only holds the public build of the hub, read by the " +
        "distribution alone (whose request metrics count the reads) and written by deploys alone.",
    },
  ]);
  const bucketId = CdkStack.of(stack).getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
  // CDK's BucketDeployment runs one shared (singleton) function per stack; its id is CDK's.
  const handler = CdkStack.of(stack).node.children.find((child) =>
    child.node.id.startsWith("Custom::CDKBucketDeployment"),
  );
  if (handler !== undefined) {
    NagSuppressions.addResourceSuppressions(handler, [
      {
        id: "AwsSolutions-L1",
        reason:
          "CDK's BucketDeployment handler: its Python runtime is pinned by aws-cdk-lib and moves " +
          "with it.",
      },
    ]);
  }
  for (const role of new Set(deployments.map((deployment) => deployment.handlerRole))) {
    NagSuppressions.addResourceSuppressions(
      role,
      [
        {
          id: "AwsSolutions-IAM4",
          reason:
            "CDK's BucketDeployment handler logs through AWSLambdaBasicExecutionRole, the " +
            "AWS-maintained minimum for a function to log.",
          appliesTo: [
            "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
          ],
        },
        {
          id: "AwsSolutions-IAM5",
          reason:
            "CDK's BucketDeployment handler syncs the whole build: it reads any object of " +
            "CDK's asset bucket and writes and deletes any key of the web bucket (CDK's grants, " +
            "scoped to those two buckets); CloudFront invalidations take no resource narrower " +
            "than *.",
          appliesTo: [
            ...["s3:GetObject*", "s3:GetBucket*", "s3:List*", "s3:DeleteObject*", "s3:Abort*"].map(
              (action) => `Action::${action}`,
            ),
            { regex: "/^Resource::arn:<AWS::Partition>:s3:::cdk-[a-z0-9]+-assets-.+\\/\\*$/g" },
            `Resource::<${bucketId}.Arn>/*`,
            "Resource::*",
          ],
        },
      ],
      true,
    );
  }
}
