import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { Keyring } from "../keyring";
import { testClock } from "../member/test-support";
import { Runtime } from "../runtime";
import { Click } from ".";
import { visitorHash } from "./visitor";
import { SALT_GROUP, visitorSaltEntity } from "./visitor-salt.entity";

const clock = testClock("2037-04-01T08:00:00.000Z");
let runtime: Runtime.Runtime;

beforeAll(() => {
  runtime = provideTestRuntime({ now: clock.now }).runtime;
});

const STOCKHOLM = "Europe/Stockholm";
const userAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";

const hashAt = (orgId: string, at: string, address = "203.0.113.77") =>
  visitorHash({ orgId, timeZone: STOCKHOLM, address, userAgent, at: new Date(at) });

async function saltOf(orgId: string, day: string) {
  return (await visitorSaltEntity().get({ group: SALT_GROUP, day, orgId }).go()).data;
}

describe("the visitor hash", () => {
  it("is 22 base64url characters, the same all day for one address and browser", async () => {
    const orgId = randomUUID();
    const morning = await hashAt(orgId, "2037-04-01T06:00:00.000Z");
    const evening = await hashAt(orgId, "2037-04-01T20:00:00.000Z");
    expect(morning.visitor).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(evening).toEqual(morning);
    expect(morning.day).toBe("2037-04-01");
    expect((await hashAt(orgId, "2037-04-01T06:00:00.000Z", "203.0.113.78")).visitor).not.toBe(
      morning.visitor,
    );
  });

  it("changes at the organisation's local midnight, with a new salt", async () => {
    const orgId = randomUUID();
    // 23:59:59 and 00:00:01 in Stockholm (UTC+2 in April).
    const before = await hashAt(orgId, "2037-04-01T21:59:59.000Z");
    const after = await hashAt(orgId, "2037-04-01T22:00:01.000Z");
    expect(before.day).toBe("2037-04-01");
    expect(after.day).toBe("2037-04-02");
    expect(after.visitor).not.toBe(before.visitor);
    expect((await saltOf(orgId, "2037-04-01"))?.value).not.toBe(
      (await saltOf(orgId, "2037-04-02"))?.value,
    );
  });

  it("cannot be joined across organisations: each has its own salt", async () => {
    const at = "2037-04-01T10:00:00.000Z";
    const [a, b] = await Promise.all([hashAt(randomUUID(), at), hashAt(randomUUID(), at)]);
    expect(a.visitor).not.toBe(b.visitor);
  });

  it("is the same on another instance: the first salt written is the one everyone uses", async () => {
    const orgId = randomUUID();
    const here = await hashAt(orgId, "2037-04-01T10:00:00.000Z");
    Runtime.provide({ ...runtime });
    try {
      expect(await hashAt(orgId, "2037-04-01T11:00:00.000Z")).toEqual(here);
    } finally {
      Runtime.provide(runtime);
    }
  });

  it("keeps its salt sealed and bound to the organisation's day: copied to another, it hashes nothing", async () => {
    const ours = randomUUID();
    const theirs = randomUUID();
    const at = "2037-04-01T10:00:00.000Z";
    await hashAt(ours, at);
    const sealed = (await saltOf(ours, "2037-04-01"))?.value ?? "";
    expect(Keyring.isSealed(sealed)).toBe(true);
    await visitorSaltEntity()
      .create({
        group: SALT_GROUP,
        orgId: theirs,
        day: "2037-04-01",
        value: sealed,
        createdAt: at,
        expiresAt: Math.floor(Date.parse(at) / 1000) + 3 * 24 * 60 * 60,
      })
      .go();
    await expect(hashAt(theirs, at)).rejects.toThrow(/does not open as visitor-salt/);
  });

  it("uses a salt stored in plaintext before salts were sealed, as it is", async () => {
    const orgId = randomUUID();
    const at = "2037-04-01T10:00:00.000Z";
    const salt = randomBytes(32);
    await visitorSaltEntity()
      .create({
        group: SALT_GROUP,
        orgId,
        day: "2037-04-01",
        value: salt.toString("base64"),
        createdAt: at,
        expiresAt: Math.floor(Date.parse(at) / 1000) + 3 * 24 * 60 * 60,
      })
      .go();
    const expected = createHmac("sha256", salt)
      .update(`203.0.113.77\n${userAgent}`)
      .digest("base64url")
      .slice(0, 22);
    expect((await hashAt(orgId, at)).visitor).toBe(expected);
  });

  it("comes with a hash of the address alone: the same whatever the User-Agent, another for another address or day", async () => {
    const orgId = randomUUID();
    const at = new Date("2037-04-01T10:00:00.000Z");
    const from = (address: string, agent: string, when = at) =>
      visitorHash({ orgId, timeZone: STOCKHOLM, address, userAgent: agent, at: when });
    const firefox = await from("203.0.113.77", userAgent);
    const rotated = await from("203.0.113.77", "Mozilla/5.0 (rotated) Chrome/131.0");
    expect(rotated.visitor).not.toBe(firefox.visitor);
    expect(rotated.addressHash).toBe(firefox.addressHash);
    expect(firefox.addressHash).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(firefox.addressHash).not.toBe(firefox.visitor);
    expect((await from("203.0.113.78", userAgent)).addressHash).not.toBe(firefox.addressHash);
    const nextDay = await from("203.0.113.77", userAgent, new Date("2037-04-02T10:00:00.000Z"));
    expect(nextDay.addressHash).not.toBe(firefox.addressHash);
    expect(JSON.stringify(firefox)).not.toContain("203.0.113.77");
  });

  it("treats an IPv4 address reported as IPv4-mapped IPv6 as the same client", async () => {
    const orgId = randomUUID();
    const at = "2037-04-01T10:00:00.000Z";
    expect(await hashAt(orgId, at, "::ffff:203.0.113.77")).toEqual(await hashAt(orgId, at));
  });
});

describe("purging visitor salts", () => {
  it("deletes salts older than 48 hours and keeps newer ones", async () => {
    const orgId = randomUUID();
    clock.set("2037-04-01T08:00:00.000Z");
    await hashAt(orgId, clock.now().toISOString());
    clock.set("2037-04-02T14:00:00.000Z");
    await hashAt(orgId, clock.now().toISOString());
    expect(await saltOf(orgId, "2037-04-01")).not.toBeNull();

    await Click.purgeSalts({ now: new Date("2037-04-03T07:59:00.000Z") });
    expect(await saltOf(orgId, "2037-04-01")).not.toBeNull();

    const result = await Click.purgeSalts({ now: new Date("2037-04-03T08:00:01.000Z") });
    expect(result.deleted).toBeGreaterThanOrEqual(1);
    expect(await saltOf(orgId, "2037-04-01")).toBeNull();
    expect(await saltOf(orgId, "2037-04-02")).not.toBeNull();
  });

  it("gives salts an expiry of their own as well", async () => {
    const orgId = randomUUID();
    clock.set("2037-05-01T08:00:00.000Z");
    await hashAt(orgId, clock.now().toISOString());
    const salt = await saltOf(orgId, "2037-05-01");
    expect(salt?.expiresAt).toBeGreaterThan(clock.now().getTime() / 1000 + 48 * 3600);
  });
});
