import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from "node:crypto";

/** A bearer secret (sign-in link, session cookie): 32 random bytes, base64url, 43 characters. */
export function newBearerToken(): string {
  return randomBytes(32).toString("base64url");
}

const BEARER_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Refuses anything that cannot be one of ours before it is hashed or looked up. */
export function isWellFormedBearerToken(value: unknown): value is string {
  return typeof value === "string" && BEARER_TOKEN.test(value);
}

/** Six digits, uniformly drawn (leading zeros kept). */
export function newSixDigitCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/**
 * A code's hash is salted with its token's id: the same code under two tokens hashes
 * differently, so a stored hash cannot be matched against a table of the million codes.
 */
export function codeHash(tokenId: string, code: string): string {
  return sha256Hex(`sign-in-code:${tokenId}:${code}`);
}

/** What a person's e-mail address is looked up and rate-limited by, without storing it. */
export function emailHash(email: string): string {
  return sha256Hex(`email:${email}`);
}

/** Constant-time equality of two hex digests of the same length. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

export { randomUUID };
