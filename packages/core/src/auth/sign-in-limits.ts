import { Log } from "../log";
import type { Limit } from "../rate-limit";
import { emailHash, sha256Hex } from "./secrets";

const MINUTES_15 = 15 * 60;
const HOUR = 60 * 60;

/**
 * What sign-in limits, per what, in fixed windows. Requesting an e-mail counts requests (a
 * limit counted only for unknown addresses would tell which are known); the link and the code
 * count failures only, so people who sign in never use anything up. A person's own address
 * is limited together with the client asking, so a stranger cannot use up their allowance.
 */
export const LIMITS = {
  /** Requests from one client, whatever the addresses: room for an office behind one NAT. */
  requestPerClient: { scope: "sign-in.request.client", limit: 100, windowSeconds: MINUTES_15 },
  requestPerAddressAndClient: {
    scope: "sign-in.request.email-client",
    limit: 5,
    windowSeconds: MINUTES_15,
  },
  /**
   * E-mails to one address, against mail-bombing. Past it a request is answered as usual and
   * nothing is sent: the address already has this window's e-mails, and as the window is no
   * longer than a link lives, the newest of them works until the window ends.
   */
  mailPerAddress: { scope: "sign-in.mail.email", limit: 5, windowSeconds: MINUTES_15 },
  /** Links that are not ours (used and expired ones were real: they do not count). */
  linkFailuresPerClient: {
    scope: "sign-in.link-failure.client",
    limit: 30,
    windowSeconds: MINUTES_15,
  },
  codeFailuresPerClient: { scope: "sign-in.code-failure.client", limit: 30, windowSeconds: HOUR },
  codeFailuresPerAddressAndClient: {
    scope: "sign-in.code-failure.email-client",
    limit: 10,
    windowSeconds: HOUR,
  },
  /**
   * Wrong codes tried against an organisation's sign-in e-mails, from any clients: with it
   * spent, that organisation's codes are not tried for the rest of the hour (links still work).
   */
  codeFailuresPerOrganisation: {
    scope: "sign-in.code-failure.organisation",
    limit: 50,
    windowSeconds: HOUR,
  },
  /**
   * Every refused code in the deployment, known address or not (counting only known ones
   * would let a quiet deployment's count tell them apart): with it spent, code sign-in
   * answers 429 for the rest of the hour (links still work). Bounds guessing at 200 tries an
   * hour, 2 in 10,000 against six digits, however many clients share the work.
   */
  codeFailuresPerDeployment: {
    scope: "sign-in.code-failure.deployment",
    limit: 200,
    windowSeconds: HOUR,
  },
} as const satisfies Record<string, Omit<Limit, "key">>;

/** The key of the deployment-wide budget: one table serves one deployment. */
const DEPLOYMENT = "deployment";

/** One address asked about from one client, hashed: neither can be read from it. */
export const addressAndClient = (email: string, clientKey: string) =>
  sha256Hex(`email-client:${emailHash(email)}:${clientKey}`);

export const deploymentCodeBudget = (): Limit => ({
  ...LIMITS.codeFailuresPerDeployment,
  key: DEPLOYMENT,
});

export const organisationCodeBudget = (orgId: string): Limit => ({
  ...LIMITS.codeFailuresPerOrganisation,
  key: orgId,
});

/** The message of the log line an alarm watches for (infra/sign-in-alarm.ts). */
export const FAILURE_BUDGET_EXHAUSTED = "sign-in.code.failure-budget-exhausted";

/**
 * Logs each code budget a failed attempt used up: one line per budget and window, with the
 * organisation's id where it is one, and nothing about the person or the client. The line's
 * message is the term the alarm's metric filter matches: keep it.
 */
export function reportSpentBudgets(reached: Limit[]): void {
  for (const limit of reached) {
    const entry =
      limit.scope === LIMITS.codeFailuresPerDeployment.scope
        ? { scope: "deployment" }
        : limit.scope === LIMITS.codeFailuresPerOrganisation.scope
          ? { scope: "organisation", orgId: limit.key }
          : undefined;
    if (!entry) continue;
    Log.warn(FAILURE_BUDGET_EXHAUSTED, {
      ...entry,
      limit: limit.limit,
      windowSeconds: limit.windowSeconds,
    });
  }
}
