import { randomBytes } from "node:crypto";
import { z } from "zod";
import { auditWrite } from "../audit";
import { Errors } from "../error";
import type { MembershipRef } from "../member";
import { loadAdmin } from "../member";
import { Runtime } from "../runtime";
import { Text } from "../text";
import { type ApiTokenItem, apiTokenService } from "./api-token.entity";
import { parseInput } from "./input";
import { sha256Hex } from "./secrets";

/** What a token may be used for; a route that takes bearer tokens names the one it needs. */
export const ApiTokenScope = z.enum(["scim"]);
export type ApiTokenScope = z.infer<typeof ApiTokenScope>;

export const ApiTokenInput = z.strictObject({
  name: Text.field({ max: 80, visible: true }),
  scopes: z.array(ApiTokenScope).min(1).max(ApiTokenScope.options.length),
});
export type ApiTokenInput = z.input<typeof ApiTokenInput>;

/** A token as listed: never its secret, which is shown once, at creation. */
export const Info = z.object({
  tokenId: z.string(),
  name: z.string(),
  scopes: z.array(ApiTokenScope),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Info = z.infer<typeof Info>;

export const ApiTokenWithSecret = Info.extend({ secret: z.string() });
export type ApiTokenWithSecret = z.infer<typeof ApiTokenWithSecret>;

/** The organisation and scopes a presented secret stands for. */
export interface VerifiedToken {
  tokenId: string;
  orgId: string;
  scopes: ApiTokenScope[];
}

/** `spt_` and 32 random bytes in base64url: recognisable in logs and secret scanners. */
const PREFIX = "spt_";
const SECRET = /^spt_[A-Za-z0-9_-]{43}$/;
const TokenId = z.string().regex(/^[0-9a-f]{64}$/);

const tokenNotFound = () =>
  Errors.notFound("api_token_not_found", "There is no such API token in this organisation.");

const toApiToken = (item: ApiTokenItem): Info =>
  Info.parse({
    tokenId: item.tokenId,
    name: item.name,
    scopes: item.scopes,
    createdBy: item.createdBy,
    createdAt: item.createdAt,
  });

/** Makes a token (admins; audited). The answer holds the secret, which is never shown again. */
export async function create(
  actorRef: MembershipRef,
  input: ApiTokenInput,
): Promise<ApiTokenWithSecret> {
  const actor = await loadAdmin(actorRef);
  const { name, scopes } = parseInput(ApiTokenInput, input);
  const secret = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const item: ApiTokenItem = {
    tokenId: sha256Hex(secret),
    orgId: actor.orgId,
    name,
    scopes: [...new Set(scopes)],
    createdBy: actor.memberId,
    createdAt: Runtime.use().now().toISOString(),
  };
  const result = await apiTokenService()
    .service.transaction.write((tx) => [
      tx.apiToken.create(item).commit(),
      auditWrite(tx, {
        orgId: actor.orgId,
        actorMemberId: actor.memberId,
        action: "apitoken.created",
        details: { tokenId: item.tokenId, scopes: item.scopes },
      }),
    ])
    .go();
  if (result.canceled) throw new Error("The API token could not be stored; try again");
  return { ...toApiToken(item), secret };
}

/** The organisation's tokens, newest first (admins). */
export async function list(actorRef: MembershipRef): Promise<Info[]> {
  const actor = await loadAdmin(actorRef);
  const { data } = await apiTokenService()
    .apiToken.query.byOrg({ orgId: actor.orgId })
    .go({ pages: "all", order: "desc" });
  return data.map(toApiToken);
}

/** Deletes a token of the actor's organisation (admins; audited): it stops working at once. */
export async function revoke(actorRef: MembershipRef, tokenId: string): Promise<void> {
  const actor = await loadAdmin(actorRef);
  if (!TokenId.safeParse(tokenId).success) throw tokenNotFound();
  const result = await apiTokenService()
    .service.transaction.write((tx) => [
      tx.apiToken
        .delete({ tokenId })
        .where((attributes, op) => op.eq(attributes.orgId, actor.orgId))
        .commit(),
      auditWrite(tx, {
        orgId: actor.orgId,
        actorMemberId: actor.memberId,
        action: "apitoken.revoked",
        details: { tokenId },
      }),
    ])
    .go();
  // The condition fails for a token that does not exist as well as for another organisation's.
  if (result.canceled) throw tokenNotFound();
}

/**
 * What a presented secret stands for, or undefined: unknown, revoked, or not shaped like one
 * of ours (refused before it is hashed). Only its hash is looked up, so comparing it takes
 * no time that depends on how much of it matched.
 */
export async function verify(secret: unknown): Promise<VerifiedToken | undefined> {
  if (typeof secret !== "string" || !SECRET.test(secret)) return undefined;
  const { data } = await apiTokenService()
    .apiToken.get({ tokenId: sha256Hex(secret) })
    .go({ consistent: true });
  if (!data) return undefined;
  return {
    tokenId: data.tokenId,
    orgId: data.orgId,
    scopes: data.scopes.flatMap((scope) => {
      const known = ApiTokenScope.safeParse(scope);
      return known.success ? [known.data] : [];
    }),
  };
}
