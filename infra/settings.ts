import type { App } from "sst/constructs";
import { z } from "zod";
import { mailConfigurationSetName } from "./mail";

/**
 * Deploy-time settings, read from the environment of `sst deploy` like SPRIDA_REGION,
 * SPRIDA_ALERT_EMAIL and SPRIDA_TRACING:
 *
 * - SPRIDA_MAIL_FROM (required, every stage): the sender of every e-mail, a plain address such as
 *   "sprida@mail.example.org" (packages/core/src/runtime validates it the same way). Its domain
 *   must be a verified SES identity in the deployment's region: functions may send only as that
 *   identity and only from that address (infra/mail.ts). The stack makes the domain identity
 *   (its DKIM records are outputs) unless SPRIDA_SES_IDENTITY_EXISTS=true.
 * - SPRIDA_MAIL_PER_SECOND (optional, default 14): SES's sending quota per second; the weekly
 *   sender keeps to it (one instance at a time).
 * - SPRIDA_DOMAIN and SPRIDA_CERTIFICATE_ARN (optional, both or neither): the public host name
 *   of the site and API (e.g. "advocacy.example.org") and an ACM certificate for it in
 *   us-east-1 (CloudFront only uses certificates from there). The DNS record (a CNAME or alias
 *   to the distribution's domain, a stack output) is yours to create. SPRIDA_DOMAIN may list
 *   more names, comma-separated ("advocacy.example.org,dela.example.se"): the distribution
 *   serves them all (the certificate must cover them), the first is the deployment's public
 *   origin, and an organisation may choose another for its links. Organisations can never
 *   name an origin of their own: these are the only ones.
 * - SPRIDA_WAF_ACL_ARN (required on protected stages, infra/stage.ts): the stage's AWS WAF web
 *   ACL, made in us-east-1 from `npm run waf-template` (infra/waf.ts); the distribution uses it.
 * - SPRIDA_REDIRECT_CONCURRENCY (default 100) and SPRIDA_INGEST_CONCURRENCY (default 20): the
 *   reserved concurrency of the redirect and of the ledger's ingest. A click burst runs in
 *   these and no further, so the API and everything else keep the rest of the account's
 *   concurrency; the pair is also a ceiling (about 2,000 redirects a second at 50 ms each).
 *   Lambda keeps 100 of the account's concurrency unreserved: the account's quota must be at
 *   least 100 + the sum of every reserved value (1,000 by default; new accounts may get less
 *   and must ask for an increase, README "Deploy to AWS").
 */
export interface DeploySettings {
  mail: MailSettings;
  customDomain?: CustomDomain;
  reservedConcurrency: { redirect: number; ingest: number };
  /** SPRIDA_WAF_ACL_ARN: the stage's web ACL in us-east-1, when there is one. */
  webAclArn?: string;
}

export interface MailSettings {
  /** SPRIDA_MAIL_FROM, the only sender address. */
  from: string;
  /** Its domain: the SES identity functions may send as. */
  identity: string;
  /** SPRIDA_SES_IDENTITY_EXISTS=true: the identity exists already; the stack does not make it. */
  identityExists: boolean;
  /** SPRIDA_MAIL_PER_SECOND: the weekly sender's pace, SES's sending quota (default 14). */
  perSecond: number;
}

export interface CustomDomain {
  name: string;
  /** Further names the distribution serves; organisations may choose one for their links. */
  alternateNames: string[];
  /** An ACM certificate in us-east-1 covering `name`. */
  certificateArn: string;
}

const MailFrom = z.email();
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const US_EAST_1_WEB_ACL =
  /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[0-9a-f-]+$/;
const US_EAST_1_CERTIFICATE = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/;

export function deploySettings(env: NodeJS.ProcessEnv = process.env): DeploySettings {
  const from = env.SPRIDA_MAIL_FROM?.trim() ?? "";
  if (!MailFrom.safeParse(from).success) {
    throw new Error(
      `SPRIDA_MAIL_FROM must be set to the sender address of Sprida's e-mail (got "${from}"), ` +
        "at a domain verified as an SES identity in the deployment's region.",
    );
  }
  const identity = (from.split("@").pop() ?? "").toLowerCase();
  const perSecond = Number(env.SPRIDA_MAIL_PER_SECOND?.trim() || "14");
  if (!Number.isFinite(perSecond) || perSecond <= 0 || perSecond > 1_000) {
    throw new Error(
      `SPRIDA_MAIL_PER_SECOND must be SES's sending quota per second, e.g. 14 (got "${env.SPRIDA_MAIL_PER_SECOND}")`,
    );
  }
  const mail = {
    from,
    identity,
    identityExists: env.SPRIDA_SES_IDENTITY_EXISTS?.trim() === "true",
    perSecond,
  };

  const reservedConcurrency = {
    redirect: concurrencyOf(env, "SPRIDA_REDIRECT_CONCURRENCY", 100),
    ingest: concurrencyOf(env, "SPRIDA_INGEST_CONCURRENCY", 20),
  };

  const webAclArn = env.SPRIDA_WAF_ACL_ARN?.trim() || undefined;
  if (webAclArn !== undefined && !US_EAST_1_WEB_ACL.test(webAclArn)) {
    throw new Error(
      `SPRIDA_WAF_ACL_ARN must be the ARN of a CloudFront web ACL in us-east-1 (got "${webAclArn}"): ` +
        "deploy `npm run waf-template` there first (README, Deploy to AWS).",
    );
  }
  const common = { mail, reservedConcurrency, ...(webAclArn && { webAclArn }) };

  const names = (env.SPRIDA_DOMAIN ?? "")
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== "");
  const [name = "", ...alternateNames] = [...new Set(names)];
  const certificateArn = env.SPRIDA_CERTIFICATE_ARN?.trim() ?? "";
  if (!name && !certificateArn) return common;
  for (const host of [name, ...alternateNames]) {
    if (!HOST_NAME.test(host)) {
      throw new Error(
        `SPRIDA_DOMAIN must be host names such as "sprida.example.org", comma-separated (got "${host}")`,
      );
    }
  }
  if (!US_EAST_1_CERTIFICATE.test(certificateArn)) {
    throw new Error(
      `SPRIDA_CERTIFICATE_ARN must be the ARN of an ACM certificate in us-east-1 for ${name} ` +
        `(got "${certificateArn}"); CloudFront only uses certificates from us-east-1.`,
    );
  }
  return { ...common, customDomain: { name, alternateNames, certificateArn } };
}

function concurrencyOf(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  const value = raw ? Number(raw) : fallback;
  if (!Number.isInteger(value) || value < 1 || value > 10_000) {
    throw new Error(
      `${name} must be a whole number of concurrent executions, 1-10000 (got "${raw}")`,
    );
  }
  return value;
}

/**
 * Where functions find the public origin, the base of every link in an e-mail (never a request's
 * Host header):
 *
 * - with a custom domain it is known before deploying: SPRIDA_PUBLIC_ORIGIN=https://<domain>;
 * - without one it is the distribution's own domain (d123.cloudfront.net), which exists only once
 *   the distribution does. It cannot be put in the API function's environment: the distribution
 *   depends on the function URL, which depends on the function, so the function cannot depend on
 *   the distribution (a cycle CloudFormation rejects). The Api stack instead writes it to an SSM
 *   parameter (a plain AWS::SSM::Parameter, created after the distribution), and every function
 *   gets the parameter's *name*, a constant, in SPRIDA_PUBLIC_ORIGIN_PARAMETER plus
 *   ssm:GetParameter on exactly that parameter. At cold start, before Runtime.use(),
 *   resolvePublicOrigin(process.env) (packages/core/src/runtime/public-origin.ts) reads it and
 *   sets SPRIDA_PUBLIC_ORIGIN, which packages/core/src/runtime requires.
 *
 * The name depends only on the app and the stage, so functions of stacks deployed before the Api
 * stack (Bus) can be given it without a reference, hence without a cycle.
 */
export type PublicOriginSource = { origin: string } | { parameterName: string };

export function publicOriginSource(app: App, settings: DeploySettings): PublicOriginSource {
  if (settings.customDomain) return { origin: `https://${settings.customDomain.name}` };
  return { parameterName: publicOriginParameterName(app) };
}

/** "/sprida/<stage>/public-origin": one per stage of the app in an account and region. */
export function publicOriginParameterName(app: App): string {
  return `/${app.name}/${app.stage}/public-origin`;
}

/** What packages/core/src/runtime reads besides the table and the bus. */
export function runtimeSettingsEnvironment(
  app: App,
  settings: DeploySettings,
  publicOrigin: PublicOriginSource | undefined,
): Record<string, string> {
  const alternates = settings.customDomain?.alternateNames ?? [];
  return {
    SPRIDA_MAIL_FROM: settings.mail.from,
    SPRIDA_MAIL_CONFIGURATION_SET: mailConfigurationSetName(app),
    SPRIDA_MAIL_PER_SECOND: String(settings.mail.perSecond),
    ...(alternates.length > 0 && {
      SPRIDA_ALTERNATE_ORIGINS: alternates.map((host) => `https://${host}`).join(","),
    }),
    ...(publicOrigin === undefined
      ? {}
      : "origin" in publicOrigin
        ? { SPRIDA_PUBLIC_ORIGIN: publicOrigin.origin }
        : { SPRIDA_PUBLIC_ORIGIN_PARAMETER: publicOrigin.parameterName }),
  };
}
