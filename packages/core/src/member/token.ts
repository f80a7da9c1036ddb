import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { Keyring } from "../keyring";

/** 32 random bytes, base64url: what the invitation link carries. */
export const InviteToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export function newInviteToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInviteToken(token) };
}

/** Only the hash is stored: a copy of the table cannot be turned into working links. */
export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Binds a sealed token to its own row: sealed for one invitation, it opens for no other. */
const sealContext = (tokenHash: string) => `invite-token:${tokenHash}`;

/** The token sealed for the invitation mail, which is sent after the request that made it. */
export function sealInviteToken(token: string, tokenHash: string): Promise<string> {
  return Keyring.seal(token, sealContext(tokenHash));
}

export async function openInviteToken(sealed: string, tokenHash: string): Promise<string> {
  return (await Keyring.open(sealed, sealContext(tokenHash))).toString("utf8");
}
