import { App as CdkApp, Stack as CdkStack, CfnOutput, DefaultStackSynthesizer } from "aws-cdk-lib";
import * as wafv2 from "aws-cdk-lib/aws-wafv2";
import type { Construct } from "constructs";
import type { DeploySettings } from "./settings";
import { isProtected } from "./stage";

/**
 * AWS WAF in front of the stage's distribution. CloudFront only takes a web ACL made in
 * us-east-1, and SST v2 puts every stack in the app's region, so the ACL is its own small
 * CloudFormation template (`npm run waf-template`), deployed once per stage in us-east-1; its
 * ARN is the deploy setting SPRIDA_WAF_ACL_ARN, required on protected stages (README "Deploy to
 * AWS"). The template has no assets and no bootstrap check: `aws cloudformation deploy` takes it
 * as it is.
 *
 * Rules, per client address over 5 minutes (WAF's rate rules count per IP; a corporate NAT
 * counts as one):
 * - tracked links `/r/*`: 1,000 requests, far above a person clicking, well below a script;
 * - sign-in (`/sign-in*`, `/join*`, `/api/auth/*`): 100 requests, which also caps how many
 *   sign-in e-mails one address can make Sprida send (the API limits per address as well);
 * - everything: 5,000 requests;
 * - AWS's managed lists of known bad inputs (Log4j-style payloads, ...) and of addresses with a
 *   bad reputation. The broader "common rule set" is left out: it blocks bodies over 8 KB, which
 *   an admin's CSV of invitations is.
 * A blocked request gets 429 with a short JSON body. Every rule's matches are CloudWatch metrics
 * ("sprida-<stage>-<rule>"); sampled requests are kept by WAF for 3 hours (they hold addresses).
 */
export const WAF_RULES = {
  redirect: { name: "rate-tracked-links", limit: 1_000, paths: ["/r/"] },
  signIn: { name: "rate-sign-in", limit: 100, paths: ["/sign-in", "/join", "/api/auth/"] },
  everything: { name: "rate-all", limit: 5_000 },
} as const;

/** WAF counts over this window (seconds): 60, 120, 300 or 600. */
export const WAF_WINDOW_SECONDS = 300;

const TOO_MANY = "too-many-requests";

function visibility(stage: string, name: string) {
  return {
    cloudWatchMetricsEnabled: true,
    metricName: `sprida-${stage}-${name}`,
    sampledRequestsEnabled: true,
  };
}

function startsWith(path: string) {
  return {
    byteMatchStatement: {
      fieldToMatch: { uriPath: {} },
      positionalConstraint: "STARTS_WITH",
      searchString: path,
      textTransformations: [{ priority: 0, type: "NONE" }],
    },
  };
}

function rateRule(
  stage: string,
  priority: number,
  name: string,
  limit: number,
  paths?: readonly string[],
): wafv2.CfnWebACL.RuleProperty {
  const scope =
    paths === undefined
      ? undefined
      : paths.length === 1
        ? startsWith(paths[0] as string)
        : { orStatement: { statements: paths.map(startsWith) } };
  return {
    name,
    priority,
    action: { block: { customResponse: { responseCode: 429, customResponseBodyKey: TOO_MANY } } },
    statement: {
      rateBasedStatement: {
        aggregateKeyType: "IP",
        limit,
        evaluationWindowSec: WAF_WINDOW_SECONDS,
        ...(scope && { scopeDownStatement: scope }),
      },
    },
    visibilityConfig: visibility(stage, name),
  };
}

function managedRule(stage: string, priority: number, name: string): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
    visibilityConfig: visibility(stage, name),
  };
}

/** The web ACL a stage's distribution uses; a protected stage (infra/stage.ts) must have one. */
export function stageWebAcl(
  stage: string,
  settings: Pick<DeploySettings, "webAclArn">,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (!settings.webAclArn && isProtected(stage, env)) {
    throw new Error(
      `SPRIDA_WAF_ACL_ARN is required on the protected stage "${stage}": deploy ` +
        "`npm run waf-template` in us-east-1 first (docs/deploy.md).",
    );
  }
  return settings.webAclArn;
}

/** The stage's web ACL (scope CLOUDFRONT: the stack must be in us-east-1). */
export function webAcl(scope: Construct, stage: string): wafv2.CfnWebACL {
  const { redirect, signIn, everything } = WAF_RULES;
  return new wafv2.CfnWebACL(scope, "WebAcl", {
    name: `sprida-${stage}`,
    // WAF allows letters, digits, spaces and +=:#@/-,. in a description.
    description: `Sprida ${stage}: rate limits on tracked links, sign-in and all requests, AWS bad-input and reputation lists`,
    scope: "CLOUDFRONT",
    defaultAction: { allow: {} },
    customResponseBodies: {
      [TOO_MANY]: {
        contentType: "APPLICATION_JSON",
        content: JSON.stringify({
          error: {
            code: "too_many_requests",
            message: "Too many requests: try again in a few minutes.",
          },
        }),
      },
    },
    rules: [
      rateRule(stage, 0, redirect.name, redirect.limit, redirect.paths),
      rateRule(stage, 1, signIn.name, signIn.limit, signIn.paths),
      rateRule(stage, 2, everything.name, everything.limit),
      managedRule(stage, 3, "AWSManagedRulesKnownBadInputsRuleSet"),
      managedRule(stage, 4, "AWSManagedRulesAmazonIpReputationList"),
    ],
    visibilityConfig: visibility(stage, "web-acl"),
  });
}

/** The us-east-1 template of a stage's web ACL, synthesized offline. */
export function webAclTemplate(stage: string): Record<string, unknown> {
  const app = new CdkApp();
  const stack = new CdkStack(app, `sprida-${stage}-waf`, {
    env: { region: "us-east-1" },
    synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
  });
  const acl = webAcl(stack, stage);
  new CfnOutput(stack, "WebAclArn", {
    value: acl.attrArn,
    description: "SPRIDA_WAF_ACL_ARN for this stage's deploy",
  });
  return app.synth().getStackByName(stack.stackName).template as Record<string, unknown>;
}
