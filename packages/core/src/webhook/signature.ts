import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SECRET_PREFIX = "whsec_";

/** A fresh endpoint secret: 32 random bytes, never derived from any other key. */
export function newSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/**
 * The `Sprida-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256>`, the HMAC keyed
 * with the webhook's whole secret (as UTF-8, `whsec_` included) over `<t>.<raw body>`.
 * Signing the time with the body lets a receiver refuse replays of an old delivery. While a
 * rotated secret overlaps with its successor, one `v1` per secret, the new one first, so a
 * receiver that still has the old secret, or already the new one, accepts the delivery.
 *
 * To verify: split the header on ",", take `t` and every `v1`; compute
 * HMAC-SHA256(secret, `${t}.${rawBody}`) in hex over the body bytes exactly as received
 * (before any JSON parsing); accept when it equals one `v1` (compare in constant time) and
 * `t` is within a few minutes of now. `verify` below is that recipe.
 */
export function sign(secrets: string | readonly string[], body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const keys = typeof secrets === "string" ? [secrets] : secrets;
  return [`t=${t}`, ...keys.map((secret) => `v1=${hmac(secret, `${t}.${body}`)}`)].join(",");
}

export function verify(
  secret: string,
  body: string,
  header: string,
  options: { now?: Date; toleranceSeconds?: number } = {},
): boolean {
  const parts = header.split(",").map((part) => part.trim().split("="));
  const t = Number(parts.find(([key]) => key === "t")?.[1]);
  const signatures = parts.filter(([key]) => key === "v1").map(([, value]) => value ?? "");
  if (!Number.isInteger(t) || signatures.length === 0) return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(hmac(secret, `${t}.${body}`), "hex");
  return signatures.some((signature) => {
    const given = Buffer.from(signature, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

function hmac(secret: string, message: string): string {
  return createHmac("sha256", secret).update(message, "utf8").digest("hex");
}
