import { createHmac, timingSafeEqual } from "node:crypto";
import { Errors } from "../error";
import type { MailKind } from "../mail";
import { Secret } from "../secret";

/** The key that signs unsubscribe links: random, sealed in the table, kept for good. */
const KEY_NAME = "unsubscribe-link-key";
const KEY_LIFETIME_SECONDS = 100 * 365 * 24 * 60 * 60;

const KIND_CODES = { "admin-report": "r", digest: "d" } as const satisfies Record<MailKind, string>;
const TOKEN = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{1,64})\.([rd])\.([A-Za-z0-9_-]{32})$/;

/** Whom an unsubscribe link is for: one member of one organisation, one kind of e-mail. */
export interface UnsubscribeTarget {
  orgId: string;
  memberId: string;
  kind: MailKind;
}

async function signatureOf(target: UnsubscribeTarget): Promise<Buffer> {
  const key = await Secret.named(KEY_NAME, KEY_LIFETIME_SECONDS);
  return createHmac("sha256", key)
    .update(`unsubscribe\u0000${target.orgId}\u0000${target.memberId}\u0000${target.kind}`)
    .digest()
    .subarray(0, 24);
}

/**
 * The token of a member's unsubscribe link: who and which kind, signed. It never expires (an
 * old e-mail's link still works) and changes nothing by itself: the hub's page asks first.
 */
export async function unsubscribeToken(target: UnsubscribeTarget): Promise<string> {
  const code = KIND_CODES[target.kind];
  const signature = (await signatureOf(target)).toString("base64url");
  return `${target.orgId}.${target.memberId}.${code}.${signature}`;
}

/** The target a token names, or a 400 for anything not signed by this deployment. */
export async function openUnsubscribeToken(token: string): Promise<UnsubscribeTarget> {
  const match = TOKEN.exec(token);
  const invalid = () =>
    Errors.invalid(
      "invalid_token",
      "This unsubscribe link is not valid. Change your choices in the hub.",
    );
  if (!match) throw invalid();
  const [, orgId = "", memberId = "", code, signature = ""] = match;
  const kind = code === "r" ? "admin-report" : "digest";
  const target = { orgId, memberId, kind } as const;
  const expected = await signatureOf(target);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  return target;
}
