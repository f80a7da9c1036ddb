import { beforeAll, describe, expect, test } from "vitest";
import { API_HANDLER, API_PATH_PATTERN } from "../../infra/api";
import {
  FRONT_DOOR_FORWARDED_HEADERS,
  FRONT_DOOR_HANDLER,
  FRONT_DOOR_PATH_PATTERNS,
} from "../../infra/front-door";
import { REDIRECT_HANDLER, REDIRECT_PATH_PATTERN } from "../../infra/redirect";
import {
  FRONT_DOOR_HEADER,
  FRONT_DOOR_PARAMETER_VARIABLE,
} from "../../packages/functions/src/http/front-door/front-door";
import { ApiRoutes } from "../../packages/functions/src/http/routes";
import { type SynthesizedApp, synthesizeApp } from "./synth";
import { at, mentions, type Properties, refersTo, resourcesOfType, single } from "./template";

/**
 * Third-party POSTs through the one origin (infra/front-door.ts): each path reaches its
 * function with the right auth. Run by app.test.ts, on its synth.
 */

const SYNTH_TIMEOUT = 180_000;

let app: SynthesizedApp;

beforeAll(async () => {
  app = await synthesizeApp();
}, SYNTH_TIMEOUT);

const fn = (handler: string) =>
  single(app.stacks.Api, "AWS::Lambda::Function", (candidate) => candidate.Handler === handler);

const urlOf = (handler: string) => {
  const [functionId] = fn(handler);
  return single(app.stacks.Api, "AWS::Lambda::Url", (url) =>
    refersTo(url.TargetFunctionArn, app.stacks.Api, functionId, "Arn"),
  );
};

const distributionConfig = () => {
  const [, distribution] = single(app.stacks.Api, "AWS::CloudFront::Distribution");
  return distribution.DistributionConfig as Properties;
};

/** The origin a path pattern is sent to. */
function originFor(pattern: string): Properties {
  const config = distributionConfig();
  const behavior = (config.CacheBehaviors as Properties[]).find((b) => b.PathPattern === pattern);
  const origin = (config.Origins as Properties[]).find((o) => o.Id === behavior?.TargetOriginId);
  if (!origin) throw new Error(`No origin for ${pattern}`);
  return origin;
}

/** The resource of `type` that `reference` points at (by its Id attribute or Ref). */
function byId(type: string, reference: unknown): Properties {
  const found = resourcesOfType(app.stacks.Api, type).find(
    ([id]) =>
      refersTo(reference, app.stacks.Api, id, "Id") || refersTo(reference, app.stacks.Api, id),
  );
  if (!found) throw new Error(`${JSON.stringify(reference)} is no ${type}`);
  return found[1];
}

const secretId = () => single(app.stacks.Api, "AWS::SecretsManager::Secret")[0];

/** The statements of the IAM policies attached to a function's role. */
function roleStatements(handler: string): Properties[] {
  const [, properties] = fn(handler);
  const roleId = (at(properties, "Role", "Fn::GetAtt", 0) as string) ?? "";
  return resourcesOfType(app.stacks.Api, "AWS::IAM::Policy")
    .filter(([, policy]) =>
      (policy.Roles as unknown[]).some((role) => refersTo(role, app.stacks.Api, roleId)),
    )
    .flatMap(([, policy]) => at(policy, "PolicyDocument", "Statement") as Properties[]);
}

describe("third-party POSTs through the one origin", () => {
  test("send each front-door path to the front door's URL, which takes unsigned requests carrying the secret header", () => {
    const [frontDoorUrlId, frontDoorUrl] = urlOf(FRONT_DOOR_HANDLER);
    expect(frontDoorUrl.AuthType).toBe("NONE");
    for (const pattern of FRONT_DOOR_PATH_PATTERNS) {
      const origin = originFor(pattern);
      expect(mentions(origin.DomainName, frontDoorUrlId), pattern).toBe(true);
      expect(origin.OriginAccessControlId, pattern).toBeUndefined();
      const headers = origin.OriginCustomHeaders as Properties[];
      expect(headers.map((header) => header.HeaderName)).toEqual([FRONT_DOOR_HEADER]);
      // A dynamic reference to the generated secret: the value is in no template.
      const value = JSON.stringify(headers[0]?.HeaderValue);
      expect(value).toContain("{{resolve:secretsmanager:");
      expect(mentions(headers[0]?.HeaderValue, secretId())).toBe(true);
    }
  });

  test("keep the other functions behind IAM auth and the origin access control: the API on /api/*, the redirect on /r/*", () => {
    for (const [pattern, handler] of [
      [API_PATH_PATTERN, API_HANDLER],
      [REDIRECT_PATH_PATTERN, REDIRECT_HANDLER],
    ] as const) {
      const [urlId, url] = urlOf(handler);
      expect(url.AuthType).toBe("AWS_IAM");
      const origin = originFor(pattern);
      expect(mentions(origin.DomainName, urlId)).toBe(true);
      expect(origin.OriginAccessControlId).toBeDefined();
      expect(origin.OriginCustomHeaders).toBeUndefined();
    }
  });

  test("forward Authorization (bearer tokens) through a cache policy that keeps nothing, and the viewer headers the front door reads", () => {
    const config = distributionConfig();
    for (const pattern of FRONT_DOOR_PATH_PATTERNS) {
      const behavior = (config.CacheBehaviors as Properties[]).find(
        (b) => b.PathPattern === pattern,
      );
      const cache = byId("AWS::CloudFront::CachePolicy", behavior?.CachePolicyId);
      const cacheConfig = cache.CachePolicyConfig as Properties;
      expect(cacheConfig.MaxTTL).toBeLessThanOrEqual(1);
      expect(cacheConfig.DefaultTTL).toBe(0);
      expect(
        at(cacheConfig, "ParametersInCacheKeyAndForwardedToOrigin", "HeadersConfig", "Headers"),
      ).toEqual(["Authorization"]);
      const request = byId("AWS::CloudFront::OriginRequestPolicy", behavior?.OriginRequestPolicyId);
      const headers = at(request, "OriginRequestPolicyConfig", "HeadersConfig", "Headers");
      expect(headers).toEqual([...FRONT_DOOR_FORWARDED_HEADERS]);
      expect(headers).not.toContain("Host");
    }
  });

  test("let the front door alone read the secret, through its SSM reference", () => {
    const [, frontDoor] = fn(FRONT_DOOR_HANDLER);
    const variables = at(frontDoor, "Environment", "Variables") as Properties;
    expect(JSON.stringify(variables[FRONT_DOOR_PARAMETER_VARIABLE])).toContain(
      "/aws/reference/secretsmanager/",
    );
    const reads = (handler: string) =>
      roleStatements(handler).filter((statement) =>
        [statement.Action].flat().some((action) => String(action).startsWith("secretsmanager:")),
      );
    const [secret] = reads(FRONT_DOOR_HANDLER);
    expect(mentions(secret?.Resource, secretId())).toBe(true);
    expect(
      roleStatements(FRONT_DOOR_HANDLER).some(
        (statement) =>
          statement.Action === "ssm:GetParameter" &&
          JSON.stringify(statement.Resource).includes("aws/reference/secretsmanager/"),
      ),
    ).toBe(true);
    for (const handler of [API_HANDLER, REDIRECT_HANDLER]) expect(reads(handler)).toEqual([]);
  });

  test("serve every route that other servers call (bearer, signed, or a mail provider's signed link) through the front door", () => {
    // A CloudFront path pattern as a regular expression: `*` is any run of characters.
    const patterns = FRONT_DOOR_PATH_PATTERNS.map(
      (pattern) =>
        new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`),
    );
    const fromServers = ApiRoutes.filter(
      (route) =>
        route.access.kind === "bearer" ||
        route.access.kind === "signed" ||
        route.access.kind === "link",
    );
    for (const route of fromServers) {
      // A path parameter (`:id`) stands for one segment; any value must still match.
      const path = route.path.replace(/:[A-Za-z]+/g, "x");
      expect(
        patterns.some((pattern) => pattern.test(path)),
        `${route.method} ${route.path}`,
      ).toBe(true);
    }
    // The patterns themselves: the forms and the server paths the README names.
    expect(patterns.some((pattern) => pattern.test("/sign-in/code"))).toBe(true);
    expect(patterns.some((pattern) => pattern.test("/api/scim/v2/Users"))).toBe(true);
    expect(patterns.some((pattern) => pattern.test("/api/me"))).toBe(false);
    // The hub's unsubscribe page and its own calls stay on the web app and the API.
    expect(patterns.some((pattern) => pattern.test("/unsubscribe"))).toBe(false);
    expect(patterns.some((pattern) => pattern.test("/api/unsubscribe"))).toBe(false);
  });
});
