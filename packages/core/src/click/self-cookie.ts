import { createHmac, timingSafeEqual } from "node:crypto";
import { Runtime } from "../runtime";
import { Secret } from "../secret";

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
const MAX_ENTRIES = 5;
const ENTRY = /^([0-9A-Za-z_-]{1,64})\.([0-9A-Za-z_-]{43})$/;
/** Keeps a master past its overlap for clocks that disagree at a period's edge. */
const SLACK_SECONDS = DAY_SECONDS;
/** The one master made before rotation: still verifies for one period after the upgrade. */
const UNROTATED_MASTER = "self-cookie-master";

const masterName = (period: number) => `self-cookie-master:${period}`;
const nowSeconds = () => Math.floor(Runtime.use().now().getTime() / 1000);
const periodAt = (seconds: number) => Math.floor(seconds / SELF_COOKIE_ROTATION_SECONDS);

/** The master of the current period, made by the first instance that needs it. */
function currentMaster(): Promise<Buffer> {
  const now = nowSeconds();
  const period = periodAt(now);
  const endOfOverlap = (period + 2) * SELF_COOKIE_ROTATION_SECONDS;
  return Secret.named(masterName(period), endOfOverlap + SLACK_SECONDS - now);
}

/**
 * Each organisation signs with its own key, HMAC(master, orgId), so no organisation's
 * cookie can name a member of another. Masters are random (Secret.named), sealed in the
 * table, and replaced every period.
 */
const orgKey = (master: Buffer, orgId: string) =>
  createHmac("sha256", master).update(orgId).digest();

const signature = (key: Buffer, memberId: string) =>
  createHmac("sha256", key).update(memberId).digest();

/** Once per process: the unrotated master is sealed and given one period to live. */
const unrotatedRetired = Runtime.perRuntime(() => ({
  done: undefined as Promise<void> | undefined,
}));

function retireUnrotatedMaster(): Promise<void> {
  const slot = unrotatedRetired();
  if (!slot.done) {
    const done = Secret.retire(UNROTATED_MASTER, nowSeconds() + SELF_COOKIE_ROTATION_SECONDS);
    slot.done = done;
    done.catch(() => {
      if (slot.done === done) slot.done = undefined;
    });
  }
  return slot.done;
}

/**
 * The cookie's value for these memberships, newest first: `<memberId>.<signature>` entries
 * joined by `~` (characters a cookie carries unencoded), signed with the current master.
 */
export async function selfCookieValue(
  memberships: readonly { orgId: string; memberId: string }[],
): Promise<string> {
  const [master] = await Promise.all([currentMaster(), retireUnrotatedMaster()]);
  return memberships
    .slice(0, MAX_ENTRIES)
    .map(({ orgId, memberId }) => {
      const mac = signature(orgKey(master, orgId), memberId).toString("base64url");
      return `${memberId}.${mac}`;
    })
    .join("~");
}

/**
 * Whether the cookie holds a valid signature of this organisation for this member, by the
 * current master or the previous period's (the overlap). Older masters are never asked for;
 * the previous one is looked up only for a cookie the current one does not verify.
 */
export async function isSelfByCookie(
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
    currentMaster,
    () => Secret.find(masterName(previous)),
    () => Secret.find(UNROTATED_MASTER),
  ];
  for (const master of masters) {
    const key = await master();
    if (!key) continue;
    const expected = signature(orgKey(key, orgId), memberId);
    if (given.some((mac) => mac.length === expected.length && timingSafeEqual(mac, expected))) {
      return true;
    }
  }
  return false;
}
