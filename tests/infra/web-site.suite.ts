import { CONTENT_SECURITY_POLICY } from "@sprida/web/site";
import { App, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { App as SstApp, Stack as SstStack } from "sst/constructs";
import { beforeAll, describe, expect, test } from "vitest";
import { API_HANDLER, API_PATH_PATTERN } from "../../infra/api";
import { FRONT_DOOR_HANDLER, FRONT_DOOR_PATH_PATTERNS } from "../../infra/front-door";
import { REDIRECT_HANDLER, REDIRECT_PATH_PATTERN } from "../../infra/redirect";
import {
  SPA_FALLBACK_CODE,
  WEB_IMMUTABLE_CACHE_CONTROL,
  WEB_NO_CACHE_CONTROL,
  webSiteOrigin,
} from "../../infra/web-site";
import { type SynthesizedApp, synthesizeApp } from "./synth";
import { at, mentions, type Properties, refersTo, resourcesOfType, single } from "./template";

/**
 * The member hub from S3 behind the stage's one distribution (infra/web-site.ts): the default
 * behaviour serves the bucket, every function keeps its paths. Run by app.test.ts, on its synth.
 */

const SYNTH_TIMEOUT = 180_000;
/** The AWS-managed cache policies "CachingDisabled" and "CachingOptimized". */
const CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
const CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
const ALL_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];

let app: SynthesizedApp;

beforeAll(async () => {
  app = await synthesizeApp();
}, SYNTH_TIMEOUT);

const api = () => app.stacks.Api;
const bucket = () => single(api(), "AWS::S3::Bucket");
const distribution = () => single(api(), "AWS::CloudFront::Distribution");
const config = () => distribution()[1].DistributionConfig as Properties;
const behaviors = () => config().CacheBehaviors as Properties[];

function behaviorFor(pattern: string): Properties {
  const found = behaviors().find((behavior) => behavior.PathPattern === pattern);
  if (!found) throw new Error(`No behaviour for ${pattern}`);
  return found;
}

function originOf(behavior: Properties): Properties {
  const found = (config().Origins as Properties[]).find((o) => o.Id === behavior.TargetOriginId);
  if (!found) throw new Error(`No origin ${String(behavior.TargetOriginId)}`);
  return found;
}

/** The function URL in front of which an origin sits. */
function urlIdOf(handler: string): string {
  const [functionId] = single(api(), "AWS::Lambda::Function", (fn) => fn.Handler === handler);
  const [urlId] = single(api(), "AWS::Lambda::Url", (url) =>
    refersTo(url.TargetFunctionArn, api(), functionId, "Arn"),
  );
  return urlId;
}

const sorted = (values: unknown) => [...(values as string[])].sort();

describe("the web app from S3 behind the one distribution", () => {
  test("keeps its files in a private bucket: public access blocked, TLS required, encrypted", () => {
    const [bucketId, properties] = bucket();
    expect(properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(
      at(
        properties,
        "BucketEncryption",
        "ServerSideEncryptionConfiguration",
        0,
        "ServerSideEncryptionByDefault",
        "SSEAlgorithm",
      ),
    ).toBe("AES256");
    const [, policy] = single(api(), "AWS::S3::BucketPolicy", (p) =>
      refersTo(p.Bucket, api(), bucketId),
    );
    const statements = at(policy, "PolicyDocument", "Statement") as Properties[];
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: "Deny",
        Action: "s3:*",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      }),
    );
    // A disposable stage: emptied and deleted with the stage.
    expect(api().resources[bucketId]?.DeletionPolicy).toBe("Delete");
  });

  test("lets only CloudFront, for this distribution, read the bucket", () => {
    const [bucketId] = bucket();
    const [distributionId] = distribution();
    const [, policy] = single(api(), "AWS::S3::BucketPolicy", (p) =>
      refersTo(p.Bucket, api(), bucketId),
    );
    const allows = (at(policy, "PolicyDocument", "Statement") as Properties[]).filter(
      (statement) => statement.Effect === "Allow",
    );
    const reads = allows.filter((statement) =>
      [statement.Action].flat().some((action) => String(action).startsWith("s3:GetObject")),
    );
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      Action: "s3:GetObject",
      Principal: { Service: "cloudfront.amazonaws.com" },
    });
    const sourceArn = at(reads[0], "Condition", "StringEquals", "AWS:SourceArn");
    expect(JSON.stringify(sourceArn)).toContain(":distribution/");
    expect(mentions(sourceArn, distributionId)).toBe(true);
    // Any other grant is CDK's emptying of a disposable stage's bucket, by its own role.
    for (const statement of allows.filter((s) => !reads.includes(s))) {
      expect(JSON.stringify(statement.Principal)).toContain("AutoDeleteObjects");
      expect(statement.Principal).not.toBe("*");
    }
    expect(allows.some((statement) => JSON.stringify(statement.Principal).includes('"*"'))).toBe(
      false,
    );
  });

  test("serves the bucket by default, through an origin access control for S3, GET and HEAD only", () => {
    const [bucketId] = bucket();
    const fallback = config().DefaultCacheBehavior as Properties;
    const origin = originOf(fallback);
    expect(refersTo(origin.DomainName, api(), bucketId, "RegionalDomainName")).toBe(true);
    const controls = resourcesOfType(api(), "AWS::CloudFront::OriginAccessControl").filter(([id]) =>
      refersTo(origin.OriginAccessControlId, api(), id, "Id"),
    );
    expect(controls).toHaveLength(1);
    expect(controls[0]?.[1].OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: "s3",
      SigningBehavior: "always",
      SigningProtocol: "sigv4",
    });
    expect(sorted(fallback.AllowedMethods)).toEqual(["GET", "HEAD"]);
    expect(fallback).toMatchObject({
      CachePolicyId: CACHING_OPTIMIZED,
      ViewerProtocolPolicy: "redirect-to-https",
    });
  });

  test("sends client-side routes to /index.html with a viewer-request function, not with error responses", () => {
    const fallback = config().DefaultCacheBehavior as Properties;
    const associations = fallback.FunctionAssociations as Properties[];
    expect(associations).toHaveLength(1);
    expect(associations[0]?.EventType).toBe("viewer-request");
    const [functionId, fn] = single(api(), "AWS::CloudFront::Function");
    expect(refersTo(associations[0]?.FunctionARN, api(), functionId, "FunctionARN")).toBe(true);
    expect(fn).toMatchObject({
      AutoPublish: true,
      FunctionCode: SPA_FALLBACK_CODE,
      FunctionConfig: { Runtime: "cloudfront-js-2.0" },
    });
    // Error responses would apply to every path, turning the API's JSON 404s into the page.
    expect(config().CustomErrorResponses).toBeUndefined();
  });

  test("sends /api/* to the API's function URL: every method, nothing cached, security headers", () => {
    const behavior = behaviorFor(API_PATH_PATTERN);
    const origin = originOf(behavior);
    expect(mentions(origin.DomainName, urlIdOf(API_HANDLER))).toBe(true);
    expect(origin.OriginAccessControlId).toBeDefined();
    expect(behavior.CachePolicyId).toBe(CACHING_DISABLED);
    expect(sorted(behavior.AllowedMethods)).toEqual(ALL_METHODS);
    const [policyId] = single(api(), "AWS::CloudFront::OriginRequestPolicy", (policy) =>
      String(at(policy, "OriginRequestPolicyConfig", "Name")).endsWith("api-origin-request"),
    );
    expect(refersTo(behavior.OriginRequestPolicyId, api(), policyId)).toBe(true);
    const [headersId] = single(api(), "AWS::CloudFront::ResponseHeadersPolicy", (policy) =>
      String(at(policy, "ResponseHeadersPolicyConfig", "Name")).endsWith(
        "-sprida-security-headers",
      ),
    );
    expect(refersTo(behavior.ResponseHeadersPolicyId, api(), headersId)).toBe(true);
    // The web app gets the same security headers and the sites' Content-Security-Policy, the
    // one the local server sends with index.html.
    const [webHeadersId, webHeaders] = single(
      api(),
      "AWS::CloudFront::ResponseHeadersPolicy",
      (policy) =>
        String(at(policy, "ResponseHeadersPolicyConfig", "Name")).endsWith("web-security-headers"),
    );
    expect(
      refersTo(
        (config().DefaultCacheBehavior as Properties).ResponseHeadersPolicyId,
        api(),
        webHeadersId,
      ),
    ).toBe(true);
    const security = at(webHeaders, "ResponseHeadersPolicyConfig", "SecurityHeadersConfig");
    expect(security).toMatchObject({
      ContentSecurityPolicy: { ContentSecurityPolicy: CONTENT_SECURITY_POLICY, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: "DENY", Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31_536_000, Override: true },
    });
  });

  test("keeps /r/* on the redirect and the front-door paths on the front door, ahead of /api/*", () => {
    expect(
      mentions(originOf(behaviorFor(REDIRECT_PATH_PATTERN)).DomainName, urlIdOf(REDIRECT_HANDLER)),
    ).toBe(true);
    const frontDoorUrlId = urlIdOf(FRONT_DOOR_HANDLER);
    const patterns = behaviors().map((behavior) => behavior.PathPattern);
    for (const pattern of FRONT_DOOR_PATH_PATTERNS) {
      expect(mentions(originOf(behaviorFor(pattern)).DomainName, frontDoorUrlId), pattern).toBe(
        true,
      );
      // CloudFront takes the first matching pattern: /api/scim/* must come before /api/*.
      expect(patterns.indexOf(pattern), pattern).toBeLessThan(patterns.indexOf(API_PATH_PATTERN));
    }
  });

  test("uploads hashed files cached for a year, and the entry files no-cache with an invalidation", () => {
    const [bucketId] = bucket();
    const [distributionId] = distribution();
    const deployments = resourcesOfType(api(), "Custom::CDKBucketDeployment");
    expect(deployments).toHaveLength(2);
    for (const [, deployment] of deployments) {
      expect(refersTo(deployment.DestinationBucketName, api(), bucketId)).toBe(true);
    }
    const byCache = (value: string) => {
      const found = deployments.filter(
        ([, deployment]) => at(deployment, "SystemMetadata", "cache-control") === value,
      );
      expect(found, value).toHaveLength(1);
      return found[0] as [string, Properties];
    };
    const [hashedId, hashed] = byCache(WEB_IMMUTABLE_CACHE_CONTROL);
    expect(WEB_IMMUTABLE_CACHE_CONTROL).toBe("public, max-age=31536000, immutable");
    expect(hashed).toMatchObject({ Exclude: ["*"], Include: ["assets/*"], Prune: false });

    const [entryId, entry] = byCache(WEB_NO_CACHE_CONTROL);
    expect(WEB_NO_CACHE_CONTROL).toBe("no-cache");
    expect(entry).toMatchObject({
      Exclude: ["assets/*"],
      // Pruning here would delete the hashed files, which this pass excludes.
      Prune: false,
      DistributionPaths: ["/*"],
    });
    expect(entry.Include).toBeUndefined();
    expect(refersTo(entry.DistributionId, api(), distributionId)).toBe(true);
    // A new index.html only once the files it names are there.
    expect(api().resources[entryId]?.DependsOn).toContain(hashedId);
  });
});

describe("the web bucket in production", () => {
  test("is kept when the stage is removed, and never emptied by CDK", () => {
    // webSiteOrigin on its own, in an app whose stage is production.
    const production = Object.assign(new App(), {
      stage: "production",
      logicalPrefixedName: (name: string) => `production-sprida-${name}`,
    });
    const stack = new Stack(production, "Api");
    webSiteOrigin(production as unknown as SstApp, stack as unknown as SstStack);
    const template = Template.fromStack(stack).toJSON() as {
      Resources: Record<string, { Type: string; DeletionPolicy?: string }>;
    };
    const resources = Object.values(template.Resources);
    const buckets = resources.filter(({ Type }) => Type === "AWS::S3::Bucket");
    expect(buckets.map(({ DeletionPolicy }) => DeletionPolicy)).toEqual(["Retain"]);
    expect(resources.filter(({ Type }) => Type === "Custom::S3AutoDeleteObjects")).toEqual([]);
  });
});
