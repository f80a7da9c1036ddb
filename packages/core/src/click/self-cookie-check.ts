import { createHmac, timingSafeEqual } from "node:crypto";
import { Runtime } from "../runtime";

/**
 * The self cookie's signing and checking, with the secrets store passed in: the hub signs
 * through `Secret` (ElectroDB, ./self-cookie.ts), the redirect checks through the lean store
 * (../secret/secret.lean.ts); both name the same masters and share the keys in memory.
 */
export interface MasterKeys {
  named(name: string, lifetimeSeconds: number): Promise<Buffer>;
  find(name: string): Promise<Buffer | undefined>;
}

const DAY_SECONDS = 24 * 60 * 60;

/** The hub sets it on taking a share link; browsers send it to `/r/*` only (its path). */
export const SELF_COOKIE = "sprida_self";
/** A new master key signs cookies from the start of every period of this length (UTC). */
export const SELF_COOKIE_ROTATION_SECONDS = 90 * DAY_SECONDS;
/**
 * A cookie verifies until its master's period and the next one have passed: at least one full
 * period after it was set, at most two. The browser keeps it for that guaranteed period only,
 * so it never sends a cookie that no longer verifies; the hub sets it afresh, with the current
 * master, every time the member takes a link.
 */
export const SELF_COOKIE_MAX_AGE_SECONDS = SELF_COOKIE_ROTATION_SECONDS;
/** A person can be a member of several organisations on one origin; the newest five count. */
export const MAX_ENTRIES = 5;
const ENTRY = /^([0-9A-Za-z_-]{1,64})\.([0-9A-Za-z_-]{43})$/;
/** Keeps a master past its overlap for clocks that disagree at a period's edge. */
const SLACK_SECONDS = DAY_SECONDS;
/** The one master made before rotation: still verifies for one period after the upgrade. */
export const UNROTATED_MASTER = "self-cookie-master";

const masterName = (period: number) => `self-cookie-master:${period}`;
export const nowSeconds = () => Math.floor(Runtime.use().now().getTime() / 1000);
const periodAt = (seconds: number) => Math.floor(seconds / SELF_COOKIE_ROTATION_SECONDS);

/** The master of the current period, made by the first instance that needs it. */
export function currentMaster(keys: MasterKeys): Promise<Buffer> {
  const now = nowSeconds();
  const period = periodAt(now);
  const endOfOverlap = (period + 2) * SELF_COOKIE_ROTATION_SECONDS;
  return keys.named(masterName(period), endOfOverlap + SLACK_SECONDS - now);
}

/**
 * Each organisation signs with its own key, HMAC(master, orgId), so no organisation's
 * cookie can name a member of another. Masters are random (Secret.named), sealed in the
 * table, and replaced every period.
 */
const orgKey = (master: Buffer, orgId: string) =>
  createHmac("sha256", master).update(orgId).digest();

/** The signature of a member's entry under an organisation's key of `master`. */
export const signature = (master: Buffer, orgId: string, memberId: string) =>
  createHmac("sha256", orgKey(master, orgId)).update(memberId).digest();

/**
 * Whether the cookie holds a valid signature of this organisation for this member, by the
 * current master or the previous period's (the overlap). Older masters are never asked for;
 * the previous one is looked up only for a cookie the current one does not verify.
 */
export async function isSelfByCookie(
  keys: MasterKeys,
  cookie: string | undefined,
  orgId: string,
  memberId: string,
): Promise<boolean> {
  if (!cookie || cookie.length > 1_000) return false;
  const given = cookie
    .split("~")
    .slice(0, MAX_ENTRIES)
    .map((entry) => ENTRY.exec(entry))
    .filter((match) => match?.[1] === memberId)
    .map((match) => Buffer.from(match?.[2] ?? "", "base64url"));
  if (given.length === 0) return false;
  const previous = periodAt(nowSeconds()) - 1;
  const masters = [
    () => currentMaster(keys),
    () => keys.find(masterName(previous)),
    () => keys.find(UNROTATED_MASTER),
  ];
  for (const master of masters) {
    const key = await master();
    if (!key) continue;
    const expected = signature(key, orgId, memberId);
    if (given.some((mac) => mac.length === expected.length && timingSafeEqual(mac, expected))) {
      return true;
    }
  }
  return false;
}
