import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { auditWrite } from "../audit";
import { Errors } from "../error";
import { Keyring } from "../keyring";
import type { MembershipRef } from "../member";
import { loadAdmin } from "../member";
import { Runtime } from "../runtime";
import { parseInput } from "./input";
import { type SigningKeyItem, signingKeyService } from "./signing-key.entity";
import { SigningKeyInput } from "./signing-key.schema";

/** A signed request older or newer than this is refused: a captured one cannot be replayed later. */
export const REPLAY_WINDOW_SECONDS = 5 * 60;

export { SigningKeyInput } from "./signing-key.schema";

/** A key as listed: never its secret, which is shown once, at creation. */
export const Info = z.object({
  keyId: z.string(),
  name: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Info = z.infer<typeof Info>;

export const SigningKeyWithSecret = Info.extend({ secret: z.string() });
export type SigningKeyWithSecret = z.infer<typeof SigningKeyWithSecret>;

/** What a correctly signed request proves: which organisation's key signed it. */
export interface VerifiedSignature {
  keyId: string;
  orgId: string;
}

const KeyId = z.string().regex(/^sk_[0-9a-f-]{36}$/);
const contextOf = (key: { orgId: string; keyId: string }) =>
  `signing-key:${key.orgId}:${key.keyId}`;

const keyNotFound = () =>
  Errors.notFound("signing_key_not_found", "There is no such signing key in this organisation.");

const toSigningKey = (item: SigningKeyItem): Info =>
  Info.parse({
    keyId: item.keyId,
    name: item.name,
    createdBy: item.createdBy,
    createdAt: item.createdAt,
  });

/** Makes a key (admins; audited). The answer holds the secret, which is never shown again. */
export async function create(
  actorRef: MembershipRef,
  input: SigningKeyInput,
): Promise<SigningKeyWithSecret> {
  const actor = await loadAdmin(actorRef);
  const { name } = parseInput(SigningKeyInput, input);
  const ids = { orgId: actor.orgId, keyId: `sk_${randomUUID()}` };
  const secret = `spsk_${randomBytes(32).toString("base64url")}`;
  const item: SigningKeyItem = {
    ...ids,
    name,
    secret: await Keyring.seal(secret, contextOf(ids)),
    createdBy: actor.memberId,
    createdAt: Runtime.use().now().toISOString(),
  };
  const result = await signingKeyService()
    .service.transaction.write((tx) => [
      tx.signingKey.create(item).commit(),
      auditWrite(tx, {
        orgId: actor.orgId,
        actorMemberId: actor.memberId,
        action: "signingkey.created",
        details: { keyId: item.keyId },
      }),
    ])
    .go();
  if (result.canceled) throw new Error("The signing key could not be stored; try again");
  return { ...toSigningKey(item), secret };
}

/** The organisation's keys, newest first (admins). */
export async function list(actorRef: MembershipRef): Promise<Info[]> {
  const actor = await loadAdmin(actorRef);
  const { data } = await signingKeyService()
    .signingKey.query.byOrg({ orgId: actor.orgId })
    .go({ pages: "all", order: "desc" });
  return data.map(toSigningKey);
}

/** Deletes a key of the actor's organisation (admins; audited): it stops verifying at once. */
export async function revoke(actorRef: MembershipRef, keyId: string): Promise<void> {
  const actor = await loadAdmin(actorRef);
  if (!KeyId.safeParse(keyId).success) throw keyNotFound();
  const result = await signingKeyService()
    .service.transaction.write((tx) => [
      tx.signingKey
        .delete({ keyId })
        .where((attributes, op) => op.eq(attributes.orgId, actor.orgId))
        .commit(),
      auditWrite(tx, {
        orgId: actor.orgId,
        actorMemberId: actor.memberId,
        action: "signingkey.revoked",
        details: { keyId },
      }),
    ])
    .go();
  if (result.canceled) throw keyNotFound();
}

/**
 * HMAC-SHA256 in hex, keyed with the whole secret as UTF-8, over `${timestamp}.${rawBody}`:
 * the body exactly as sent, so the receiver verifies the bytes before parsing them. Signing
 * the time with the body is what lets a replay of an old request be refused.
 */
export function signature(secret: string, timestamp: number, rawBody: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${rawBody}`, "utf8").digest("hex");
}

/**
 * The organisation whose key signed this request, or undefined: an unknown or revoked key, a
 * timestamp outside the replay window, or a signature that does not match (compared in
 * constant time).
 */
export async function verify(request: {
  keyId: unknown;
  timestamp: unknown;
  signature: unknown;
  rawBody: string;
}): Promise<VerifiedSignature | undefined> {
  const keyId = KeyId.safeParse(request.keyId);
  const timestamp = z.coerce.number().int().positive().safeParse(request.timestamp);
  if (!keyId.success || !timestamp.success || typeof request.signature !== "string") {
    return undefined;
  }
  const now = Math.floor(Runtime.use().now().getTime() / 1000);
  if (Math.abs(now - timestamp.data) > REPLAY_WINDOW_SECONDS) return undefined;
  const { data } = await signingKeyService()
    .signingKey.get({ keyId: keyId.data })
    .go({ consistent: true });
  if (!data) return undefined;
  const secret = (await Keyring.open(data.secret, contextOf(data))).toString("utf8");
  const expected = Buffer.from(signature(secret, timestamp.data, request.rawBody), "hex");
  const given = Buffer.from(request.signature, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return { keyId: data.keyId, orgId: data.orgId };
}
