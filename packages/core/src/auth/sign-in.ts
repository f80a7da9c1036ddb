import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { Errors, isConditionalCheckFailure } from "../error";
import { Mail } from "../mail";
import { RateLimit } from "../rate-limit";
import { Runtime } from "../runtime";
import { Email } from "../schema";
import { ClientKey, Id, parseInput } from "./input";
import {
  type ActiveMembership,
  activeMembershipIn,
  activeMembershipsOf,
  findPerson,
  organisationForMail,
} from "./people";
import {
  codeHash,
  emailHash,
  isWellFormedBearerToken,
  newBearerToken,
  newSixDigitCode,
  randomUUID,
  sameDigest,
  sha256Hex,
} from "./secrets";
import * as Session from "./session";
import { signInTokenEntity } from "./sign-in.entity";
import {
  addressAndClient,
  deploymentCodeBudget,
  LIMITS,
  organisationCodeBudget,
  reportSpentBudgets,
} from "./sign-in-limits";

export { FAILURE_BUDGET_EXHAUSTED, LIMITS } from "./sign-in-limits";

/** A link and its code are valid this long, once. */
export const TOKEN_LIFETIME_SECONDS = 15 * 60;
/** Wrong codes a token's code survives; then only its link works, or a new e-mail. */
export const MAX_CODE_ATTEMPTS = 5;
/**
 * Requests and code attempts take at least this long, whatever the outcome, so the time an
 * answer takes does not tell a known address (token written, e-mail sent) from an unknown one.
 */
export const MIN_RESPONSE_MS = 350;

export const RequestSignInInput = z.object({
  email: Email,
  orgId: Id.optional(),
  clientKey: ClientKey,
});
export type RequestSignInInput = z.input<typeof RequestSignInInput>;

export const SignInWithLinkInput = z.object({ token: z.string().max(200), clientKey: ClientKey });
export type SignInWithLinkInput = z.input<typeof SignInWithLinkInput>;

export const SignInWithCodeInput = z.object({
  email: Email,
  // People paste "123 456" or "123-456"; only the digits count.
  code: z
    .string()
    .max(20)
    .transform((code) => code.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "The code is six digits")),
  clientKey: ClientKey,
});
export type SignInWithCodeInput = z.input<typeof SignInWithCodeInput>;

export type SignedIn = { sessionToken: string; session: Session.ActiveSession };

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

const invalidLink = () =>
  Errors.unauthenticated(
    "invalid_link",
    "This sign-in link is not valid. Ask for a new sign-in e-mail.",
  );
// One answer for a wrong code, no recent request, and a token already dead: which of them
// it was would tell whether anyone asked to sign in with this address.
const invalidCode = () =>
  Errors.unauthenticated(
    "invalid_code",
    "The code is wrong or no longer valid. Check the code in the most recent e-mail, or ask for a new one.",
  );
const used = () =>
  Errors.gone("used", "This sign-in link or code has already been used. Ask for a new one.");
const expired = () =>
  Errors.gone("expired", "This sign-in link or code has expired. Ask for a new one.");

/** Runs `work` and answers no sooner than `MIN_RESPONSE_MS` after the start, success or not. */
async function evenly<T>(work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const left = MIN_RESPONSE_MS - (performance.now() - started);
    if (left > 0) await sleep(left);
  }
}

/** The membership a token is for: the asked organisation if active there, else the first. */
function choose(memberships: ActiveMembership[], orgId: string | undefined) {
  return memberships.find((membership) => membership.orgId === orgId) ?? memberships[0];
}

interface Issued {
  url: string;
  code: string;
  orgId: string;
  expiresAt: string;
  org: { name: string; locale: "sv" | "en" };
}

/**
 * Writes a token for the person with this address, if they have an active membership.
 * The secrets are made either way, so both paths do the same hashing.
 */
async function issue(email: string, orgId: string | undefined): Promise<Issued | undefined> {
  const token = newBearerToken();
  const code = newSixDigitCode();
  const tokenId = randomUUID();
  const hashes = { tokenHash: sha256Hex(token), codeHash: codeHash(tokenId, code) };

  const person = await findPerson(email);
  const membership = person && choose(await activeMembershipsOf(person.personId), orgId);
  if (!person || !membership) return undefined;

  const org = await organisationForMail(membership.orgId);
  const now = Runtime.use().now();
  const expiresAt = epochSeconds(now) + TOKEN_LIFETIME_SECONDS;
  await signInTokenEntity()
    .create({
      ...hashes,
      tokenId,
      emailHash: emailHash(email),
      personId: person.personId,
      orgId: membership.orgId,
      memberId: membership.memberId,
      createdAt: now.toISOString(),
      expiresAt,
      failedAttempts: 0,
    })
    .go({ response: "none" });
  return {
    url: Mail.buildLink(org.publicOrigin, "/sign-in", { token }),
    code,
    orgId: membership.orgId,
    expiresAt: new Date(expiresAt * 1000).toISOString(),
    org,
  };
}

/**
 * Mails a sign-in link and code to the address if it belongs to an active member; answers
 * the same, after the same time, whether or not it does. `orgId` picks the organisation when
 * the person is active in several (else their first active membership).
 */
export async function requestSignIn(input: RequestSignInInput): Promise<void> {
  await evenly(async () => {
    const { email, orgId, clientKey } = parseInput(RequestSignInInput, input);
    await RateLimit.consume({ ...LIMITS.requestPerClient, key: clientKey });
    await RateLimit.consume({
      ...LIMITS.requestPerAddressAndClient,
      key: addressAndClient(email, clientKey),
    });
    // Counted for every address, known or not, and answered as usual when reached.
    if (!(await RateLimit.allows({ ...LIMITS.mailPerAddress, key: emailHash(email) }))) return;
    const issued = await issue(email, orgId);
    if (!issued) return;
    await Mail.send({
      to: email,
      ...(await Mail.signInMessage({
        locale: issued.org.locale,
        orgName: issued.org.name,
        link: issued.url,
        code: issued.code,
        validMinutes: TOKEN_LIFETIME_SECONDS / 60,
      })),
    });
  });
}

/**
 * For the local-only CLI (`npm start` prints one for the demo organisation): the same token
 * as `requestSignIn` writes, returned instead of mailed, with no rate limit. Never route
 * this over HTTP: it signs in as anyone whose address you know.
 */
export async function createSignInLink(input: {
  email: string;
  orgId?: string;
}): Promise<{ url: string; code: string; orgId: string; expiresAt: string }> {
  const { email, orgId } = parseInput(RequestSignInInput.omit({ clientKey: true }), input);
  const issued = await issue(email, orgId);
  if (!issued) {
    throw Errors.notFound("no_active_membership", `${email} is not an active member anywhere.`);
  }
  return { url: issued.url, code: issued.code, orgId: issued.orgId, expiresAt: issued.expiresAt };
}

type StoredToken = NonNullable<
  Awaited<ReturnType<ReturnType<ReturnType<typeof signInTokenEntity>["get"]>["go"]>>["data"]
>;

/**
 * Uses the token up (a conditional write: of two racing uses only one wins) and starts a
 * session in the token's organisation, or another active one if that membership ended. Wrong
 * codes stop the code only: guessing at it must not take the e-mailed link from its owner.
 */
async function consumeAndStartSession(stored: StoredToken, by: "link" | "code"): Promise<SignedIn> {
  const nowSeconds = epochSeconds(Runtime.use().now());
  if (stored.usedAt !== undefined) throw used();
  if (stored.expiresAt <= nowSeconds) throw expired();
  try {
    await signInTokenEntity()
      .patch({ tokenHash: stored.tokenHash })
      .set({ usedAt: Runtime.use().now().toISOString() })
      .where((attributes, op) =>
        [
          op.notExists(attributes.usedAt),
          op.gt(attributes.expiresAt, nowSeconds),
          ...(by === "code" ? [op.lt(attributes.failedAttempts, MAX_CODE_ATTEMPTS)] : []),
        ].join(" AND "),
      )
      .go({ response: "none" });
  } catch (error) {
    if (isConditionalCheckFailure(error)) throw used();
    throw error;
  }
  const membership =
    (await activeMembershipIn(stored.personId, stored.orgId, stored.memberId)) ??
    (await activeMembershipsOf(stored.personId))[0];
  if (!membership) {
    throw Errors.forbidden(
      "no_active_membership",
      "You are not an active member of any organisation.",
    );
  }
  return Session.create(membership);
}

/** Signs in with the token of an e-mailed link (the page's button POSTs it; never on GET). */
export async function signInWithLink(input: SignInWithLinkInput): Promise<SignedIn> {
  const { token, clientKey } = parseInput(SignInWithLinkInput, input);
  const failures = await RateLimit.Failures.take([
    { ...LIMITS.linkFailuresPerClient, key: clientKey },
  ]);
  const tokenHash = sha256Hex(token);
  const stored = isWellFormedBearerToken(token)
    ? (await signInTokenEntity().get({ tokenHash }).go({ consistent: true })).data
    : undefined;
  if (!stored || !sameDigest(stored.tokenHash, tokenHash)) throw invalidLink();
  await failures.giveBack();
  return consumeAndStartSession(stored, "link");
}

/**
 * Signs in with the six-digit code of the newest unexpired sign-in e-mail to this address.
 * Only refused codes count, per client, per address and client, and against the budgets of
 * the organisation and the deployment, which bound guessing spread over many clients.
 */
export async function signInWithCode(input: SignInWithCodeInput): Promise<SignedIn> {
  return evenly(async () => {
    const { email, code, clientKey } = parseInput(SignInWithCodeInput, input);
    const failures = await RateLimit.Failures.take([
      { ...LIMITS.codeFailuresPerClient, key: clientKey },
      { ...LIMITS.codeFailuresPerAddressAndClient, key: addressAndClient(email, clientKey) },
      deploymentCodeBudget(),
    ]);
    const matched = await tryCode(email, code, failures);
    if (!matched) {
      reportSpentBudgets(failures.reached());
      throw invalidCode();
    }
    await failures.giveBack();
    return consumeAndStartSession(matched, "code");
  });
}

/**
 * The newest e-mail's token whose code this is, or undefined; a wrong code is counted on the
 * token and against its organisation's budget. When that budget is spent the code is not
 * tried at all, and the answer is a wrong code's: a different one would tell that this
 * address has a recent sign-in e-mail, so that it belongs to a member.
 */
async function tryCode(
  email: string,
  code: string,
  failures: RateLimit.Failures,
): Promise<StoredToken | undefined> {
  const candidates = await newestTokens(email);
  const open = new Set<string>();
  for (const orgId of new Set(candidates.map((token) => token.orgId))) {
    if (await failures.alsoTake(organisationCodeBudget(orgId))) open.add(orgId);
  }
  const tried = candidates.filter((token) => open.has(token.orgId));
  const matched = tried.find((token) => sameDigest(token.codeHash, codeHash(token.tokenId, code)));
  if (!matched) {
    await Promise.all(
      tried.filter((token) => !token.usedAt).map((token) => countWrongCode(token.tokenHash)),
    );
  }
  return matched;
}

/**
 * The tokens of the newest sign-in e-mail to this address that still take a code (two when a
 * double-clicked request made two in the same millisecond). The index only finds them: it is
 * read eventually consistently, so each is read again from the table, strongly, and what is
 * decided and counted rests on that read.
 */
async function newestTokens(email: string): Promise<StoredToken[]> {
  const now = Runtime.use().now();
  const since = new Date(now.getTime() - TOKEN_LIFETIME_SECONDS * 1000).toISOString();
  const { data } = await signInTokenEntity()
    .query.byEmail({ emailHash: emailHash(email) })
    .between({ createdAt: since }, { createdAt: "9999-12-31T23:59:59.999Z" })
    .go({ order: "desc", limit: 5, attributes: ["tokenHash", "createdAt"] });
  const newest = data.filter((token) => token.createdAt === data[0]?.createdAt);
  const fresh = await Promise.all(
    newest.map(({ tokenHash }) => signInTokenEntity().get({ tokenHash }).go({ consistent: true })),
  );
  return fresh.flatMap(({ data: token }) =>
    token && token.failedAttempts < MAX_CODE_ATTEMPTS ? [token] : [],
  );
}

async function countWrongCode(tokenHash: string): Promise<void> {
  try {
    await signInTokenEntity()
      .patch({ tokenHash })
      .add({ failedAttempts: 1 })
      .where(
        (attributes, op) =>
          `${op.lt(attributes.failedAttempts, MAX_CODE_ATTEMPTS)} AND ${op.notExists(attributes.usedAt)}`,
      )
      .go({ response: "none" });
  } catch (error) {
    // Already dead or used: nothing left to count.
    if (!isConditionalCheckFailure(error)) throw error;
  }
}
