import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { Keyring } from "../keyring";
import { testClock } from "../member/test-support";
import { secretEntity } from "../secret";
import { Click } from ".";

// Real time to start with: DynamoDB Local deletes items whose `expiresAt` it sees passed.
const clock = testClock(new Date().toISOString());
const ROTATION_MS = Click.SELF_COOKIE_ROTATION_SECONDS * 1000;

beforeAll(() => {
  provideTestRuntime({ now: clock.now });
});

const membership = () => ({ orgId: randomUUID(), memberId: randomUUID() });

describe("the self cookie", () => {
  it("names each of the person's memberships, with a signature of that organisation", async () => {
    const a = membership();
    const b = membership();
    const cookie = await Click.selfCookieValue([a, b]);
    expect(cookie).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}~[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(await Click.isSelfByCookie(cookie, a.orgId, a.memberId)).toBe(true);
    expect(await Click.isSelfByCookie(cookie, b.orgId, b.memberId)).toBe(true);
  });

  it("does not name another member, or the member in another organisation", async () => {
    const me = membership();
    const cookie = await Click.selfCookieValue([me]);
    expect(await Click.isSelfByCookie(cookie, me.orgId, randomUUID())).toBe(false);
    expect(await Click.isSelfByCookie(cookie, randomUUID(), me.memberId)).toBe(false);
  });

  it("is refused when tampered with, or signed with another organisation's key", async () => {
    const me = membership();
    const cookie = await Click.selfCookieValue([me]);
    const [memberId, mac = ""] = cookie.split(".");
    const flipped = `${memberId}.${mac.slice(0, 10)}${mac[10] === "A" ? "B" : "A"}${mac.slice(11)}`;
    expect(await Click.isSelfByCookie(flipped, me.orgId, me.memberId)).toBe(false);
    expect(await Click.isSelfByCookie(`${memberId}.${mac.slice(1)}`, me.orgId, me.memberId)).toBe(
      false,
    );
    const otherOrgs = await Click.selfCookieValue([{ orgId: randomUUID(), memberId: me.memberId }]);
    expect(await Click.isSelfByCookie(otherOrgs, me.orgId, me.memberId)).toBe(false);
    expect(await Click.isSelfByCookie(undefined, me.orgId, me.memberId)).toBe(false);
    expect(await Click.isSelfByCookie("garbage", me.orgId, me.memberId)).toBe(false);
  });

  it("holds at most five entries, the newest first", async () => {
    const memberships = Array.from({ length: 7 }, membership);
    const cookie = await Click.selfCookieValue(memberships);
    expect(cookie.split("~")).toHaveLength(5);
    const [newest, , , , fifth, sixth] = memberships;
    expect(await Click.isSelfByCookie(cookie, newest?.orgId ?? "", newest?.memberId ?? "")).toBe(
      true,
    );
    expect(await Click.isSelfByCookie(cookie, fifth?.orgId ?? "", fifth?.memberId ?? "")).toBe(
      true,
    );
    expect(await Click.isSelfByCookie(cookie, sixth?.orgId ?? "", sixth?.memberId ?? "")).toBe(
      false,
    );
  });
});

describe("the self cookie's master key", () => {
  /** Moves the clock to `seconds` after the start of the period `offset` periods from now. */
  const intoPeriod = (offset: number, seconds: number) => {
    const start = (Math.floor(clock.now().getTime() / ROTATION_MS) + offset) * ROTATION_MS;
    clock.set(new Date(start + seconds * 1000).toISOString());
  };

  it("is replaced every 90 days; a cookie signed before a rotation verifies during the next period, not after it", async () => {
    const me = membership();
    intoPeriod(1, -60); // a minute before a rotation
    const before = await Click.selfCookieValue([me]);

    intoPeriod(1, 60); // a minute after it: the overlap
    expect(await Click.isSelfByCookie(before, me.orgId, me.memberId)).toBe(true);
    const reissued = await Click.selfCookieValue([me]);
    expect(reissued).not.toBe(before);
    expect(await Click.isSelfByCookie(reissued, me.orgId, me.memberId)).toBe(true);

    intoPeriod(0, Click.SELF_COOKIE_ROTATION_SECONDS - 60); // the overlap's last minute
    expect(await Click.isSelfByCookie(before, me.orgId, me.memberId)).toBe(true);
    intoPeriod(1, 60); // the next rotation: the overlap is over
    expect(await Click.isSelfByCookie(before, me.orgId, me.memberId)).toBe(false);
    expect(await Click.isSelfByCookie(reissued, me.orgId, me.memberId)).toBe(true);
  });

  it("lives in the browser no longer than the shortest time it verifies", () => {
    expect(Click.SELF_COOKIE_MAX_AGE_SECONDS).toBeLessThanOrEqual(
      Click.SELF_COOKIE_ROTATION_SECONDS,
    );
  });

  it("made before rotation (stored in plaintext) still verifies its cookies for one period after the upgrade, sealed", async () => {
    clock.set(new Date().toISOString());
    provideTestRuntime({ now: clock.now }); // a process of the upgraded code
    const me = membership();
    const master = randomBytes(32);
    const stored = () =>
      secretEntity().get({ name: "self-cookie-master" }).go({ consistent: true });
    await secretEntity()
      .put({
        name: "self-cookie-master",
        value: master.toString("base64"),
        createdAt: clock.now().toISOString(),
        expiresAt: Math.floor(clock.now().getTime() / 1000) + 10 * 365 * 24 * 60 * 60,
      })
      .go();
    const orgKey = createHmac("sha256", master).update(me.orgId).digest();
    const mac = createHmac("sha256", orgKey).update(me.memberId).digest("base64url");
    const unrotated = `${me.memberId}.${mac}`;

    expect(await Click.isSelfByCookie(unrotated, me.orgId, me.memberId)).toBe(true);
    // The hub's next cookie retires it: sealed, and expiring one period from now.
    await Click.selfCookieValue([membership()]);
    const { data } = await stored();
    expect(Keyring.isSealed(data?.value ?? "")).toBe(true);
    expect(data?.value).not.toContain(master.toString("base64"));
    expect(data?.expiresAt).toBe(
      Math.floor(clock.now().getTime() / 1000) + Click.SELF_COOKIE_ROTATION_SECONDS,
    );
    expect(await Click.isSelfByCookie(unrotated, me.orgId, me.memberId)).toBe(true);

    clock.advance(ROTATION_MS + 1000);
    expect(await Click.isSelfByCookie(unrotated, me.orgId, me.memberId)).toBe(false);
  });
});
