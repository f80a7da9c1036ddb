import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";

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
