import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { provideTestRuntime } from "../../../../tests/helpers/runtime";
import { Click } from ".";

beforeAll(() => {
  provideTestRuntime();
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
