import { Template } from "aws-cdk-lib/assertions";
import { describe, expect, test } from "vitest";
import { FRONT_DOOR_PATH_PATTERNS } from "../../infra/front-door";
import { REDIRECT_PATH_PATTERN } from "../../infra/redirect";
import { deploySettings } from "../../infra/settings";
import { stageWebAcl, WAF_RULES, WAF_WINDOW_SECONDS, webAclTemplate } from "../../infra/waf";

/** The stage's web ACL template (us-east-1), synthesized offline without SST. */
describe("the web ACL in front of the distribution", () => {
  const raw = webAclTemplate("production");
  const template = Template.fromJSON(raw);

  const rules = () => {
    const [acl] = Object.values(template.findResources("AWS::WAFv2::WebACL"));
    return (acl?.Properties?.Rules ?? []) as {
      Name: string;
      Priority: number;
      Action?: unknown;
      Statement: Record<string, Record<string, unknown>>;
    }[];
  };
  const rule = (name: string) => rules().find((candidate) => candidate.Name === name);

  test("is one CloudFront-scoped ACL that allows by default, with its ARN as an output", () => {
    template.resourceCountIs("AWS::WAFv2::WebACL", 1);
    template.hasResourceProperties("AWS::WAFv2::WebACL", {
      Name: "sprida-production",
      Scope: "CLOUDFRONT",
      DefaultAction: { Allow: {} },
    });
    // WAF refuses a description with other characters.
    const [acl] = Object.values(template.findResources("AWS::WAFv2::WebACL"));
    expect(acl?.Properties?.Description).toMatch(/^[\w+=:#@/\-,. ]+$/);
    expect(Object.keys(template.findOutputs("WebAclArn"))).toEqual(["WebAclArn"]);
    // Deployable with `aws cloudformation deploy` alone: no bootstrap check, no assets.
    expect(raw.Rules).toBeUndefined();
    expect(raw.Parameters).toBeUndefined();
  });

  test("limits tracked links per client address over five minutes, answering 429", () => {
    const limit = rule(WAF_RULES.redirect.name);
    expect(limit?.Action).toEqual({
      Block: {
        CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: "too-many-requests" },
      },
    });
    expect(limit?.Statement.RateBasedStatement).toMatchObject({
      AggregateKeyType: "IP",
      EvaluationWindowSec: WAF_WINDOW_SECONDS,
      Limit: 1_000,
      ScopeDownStatement: {
        ByteMatchStatement: {
          FieldToMatch: { UriPath: {} },
          PositionalConstraint: "STARTS_WITH",
          SearchString: "/r/",
        },
      },
    });
    expect(REDIRECT_PATH_PATTERN.startsWith(WAF_RULES.redirect.paths[0])).toBe(true);
  });

  test("limits sign-in harder, on the forms and the API's auth routes", () => {
    const limit = rule(WAF_RULES.signIn.name);
    const statement = limit?.Statement.RateBasedStatement as {
      Limit: number;
      ScopeDownStatement: {
        OrStatement: { Statements: { ByteMatchStatement: { SearchString: string } }[] };
      };
    };
    expect(statement.Limit).toBe(100);
    const paths = statement.ScopeDownStatement.OrStatement.Statements.map(
      ({ ByteMatchStatement }) => ByteMatchStatement.SearchString,
    );
    expect(paths).toEqual(["/sign-in", "/join", "/api/auth/"]);
    // The front door's form paths are covered.
    for (const pattern of FRONT_DOOR_PATH_PATTERNS.filter((p) => /^\/(sign-in|join)/.test(p))) {
      expect(paths.some((path) => pattern.startsWith(path))).toBe(true);
    }
  });

  test("limits every address overall and uses AWS's bad-input and reputation lists", () => {
    expect(rule(WAF_RULES.everything.name)?.Statement.RateBasedStatement).toMatchObject({
      Limit: 5_000,
    });
    expect(rule(WAF_RULES.everything.name)?.Statement.RateBasedStatement).not.toHaveProperty(
      "ScopeDownStatement",
    );
    for (const name of [
      "AWSManagedRulesKnownBadInputsRuleSet",
      "AWSManagedRulesAmazonIpReputationList",
    ]) {
      expect(rule(name)?.Statement.ManagedRuleGroupStatement).toEqual({
        VendorName: "AWS",
        Name: name,
      });
    }
    const priorities = rules().map(({ Priority }) => Priority);
    expect(new Set(priorities).size).toBe(priorities.length);
  });

  test("is required on a protected stage, optional on a disposable one", () => {
    const arn =
      "arn:aws:wafv2:us-east-1:123456789012:global/webacl/sprida-production/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    for (const stage of ["production", "prod", "staging"]) {
      expect(() => stageWebAcl(stage, {}, {})).toThrow(/SPRIDA_WAF_ACL_ARN is required/);
      expect(stageWebAcl(stage, { webAclArn: arn }, {})).toBe(arn);
    }
    for (const stage of ["test", "dev", "pr-42"]) {
      expect(stageWebAcl(stage, {}, {})).toBeUndefined();
    }
    expect(stageWebAcl("olga", {}, { SPRIDA_STAGE_DISPOSABLE: "true" })).toBeUndefined();
  });

  test("is taken as SPRIDA_WAF_ACL_ARN only as a us-east-1 CloudFront ACL", () => {
    const mailFrom = { SPRIDA_MAIL_FROM: "sprida@example.org" };
    const arn =
      "arn:aws:wafv2:us-east-1:123456789012:global/webacl/sprida-production/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    expect(deploySettings({ ...mailFrom, SPRIDA_WAF_ACL_ARN: arn }).webAclArn).toBe(arn);
    expect(deploySettings(mailFrom).webAclArn).toBeUndefined();
    for (const bad of [
      arn.replace("us-east-1", "eu-north-1"),
      arn.replace("global", "regional"),
      "acl",
    ]) {
      expect(() => deploySettings({ ...mailFrom, SPRIDA_WAF_ACL_ARN: bad })).toThrow(
        /SPRIDA_WAF_ACL_ARN/,
      );
    }
  });
});
