import { createHmac, timingSafeEqual } from "node:crypto";
import { Runtime } from "../runtime";
import { Secret } from "../secret";

/** The hub sets it on taking a share link; browsers send it to `/r/*` only (its path). */
export const SELF_COOKIE = "sprida_self";
export const SELF_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
/** A person can be a member of several organisations on one origin; the newest five count. */
const MAX_ENTRIES = 5;
const MASTER_NAME = "self-cookie-master";
const MASTER_LIFETIME_SECONDS = 10 * 365 * 24 * 60 * 60;
const ENTRY = /^([0-9A-Za-z_-]{1,64})\.([0-9A-Za-z_-]{43})$/;

/**
 * Each organisation signs with its own key, HMAC(master, orgId), so no organisation's
 * cookie can name a member of another. The master is random (Secret.named).
 */
const orgKeys = Runtime.perRuntime(() => new Map<string, Buffer>());

async function orgKey(orgId: string): Promise<Buffer> {
  const keys = orgKeys();
  const found = keys.get(orgId);
  if (found) return found;
  const master = await Secret.named(MASTER_NAME, MASTER_LIFETIME_SECONDS);
  const key = createHmac("sha256", master).update(orgId).digest();
  if (keys.size >= 2_000) keys.clear();
  keys.set(orgId, key);
  return key;
}

const signature = (key: Buffer, memberId: string) =>
  createHmac("sha256", key).update(memberId).digest();

/**
 * The cookie's value for these memberships, newest first: `<memberId>.<signature>` entries
 * joined by `~` (characters a cookie carries unencoded).
 */
export async function selfCookieValue(
  memberships: readonly { orgId: string; memberId: string }[],
): Promise<string> {
  const entries: string[] = [];
  for (const { orgId, memberId } of memberships.slice(0, MAX_ENTRIES)) {
    const mac = signature(await orgKey(orgId), memberId).toString("base64url");
    entries.push(`${memberId}.${mac}`);
  }
  return entries.join("~");
}

/** Whether the cookie holds a valid signature of this organisation for this member. */
export async function isSelfByCookie(
  cookie: string | undefined,
  orgId: string,
  memberId: string,
): Promise<boolean> {
  if (!cookie || cookie.length > 1_000) return false;
  const candidates = cookie
    .split("~")
    .slice(0, MAX_ENTRIES)
    .map((entry) => ENTRY.exec(entry))
    .filter((match) => match?.[1] === memberId);
  if (candidates.length === 0) return false;
  const expected = signature(await orgKey(orgId), memberId);
  return candidates.some((match) => {
    const given = Buffer.from(match?.[2] ?? "", "base64url");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
