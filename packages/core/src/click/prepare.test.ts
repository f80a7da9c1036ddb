import { randomUUID } from "node:crypto";
import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { testClock } from "../member/test-support";
import { Click } from ".";
import { memberVisitorEntity } from "./member-visitor.entity";
import { uniqueClickEntity } from "./unique-click.entity";

const clock = testClock("2037-04-01T08:00:00.000Z");

beforeAll(() => {
  provideTestRuntime({ now: clock.now });
});

const code = () => randomUUID().replace(/-/g, "").slice(0, 10);
const visitorId = () => randomUUID().replace(/-/g, "").slice(0, 22);

function click(overrides: Partial<Click.ClickedProperties> = {}): Click.ClickedProperties {
  return {
    linkCode: code(),
    memberId: randomUUID(),
    contentId: randomUUID(),
    channel: "linkedin",
    class: "human",
    visitor: visitorId(),
    day: "2037-04-01",
    device: "mobile",
    ...overrides,
  };
}

function metadata(overrides: { orgId?: string; occurredAt?: string } = {}) {
  return {
    eventId: randomUUID(),
    orgId: overrides.orgId ?? randomUUID(),
    occurredAt: overrides.occurredAt ?? clock.now().toISOString(),
  };
}

describe("preparing a click for the ledger", () => {
  it("makes the first human click of a visitor on a link in a day unique, and the second not", async () => {
    const first = click();
    const second = { ...first, device: "desktop" as const };
    expect(await Click.prepareForLedger(first, metadata())).toEqual({ ...first, unique: true });
    expect(await Click.prepareForLedger(second, metadata())).toEqual({ ...second, unique: false });
  });

  it("keeps a retried event unique: the marker names the event that won it", async () => {
    const properties = click();
    const event = metadata();
    const firstTime = await Click.prepareForLedger(properties, event);
    const again = await Click.prepareForLedger(properties, event);
    const concurrently = await Promise.all([
      Click.prepareForLedger(properties, event),
      Click.prepareForLedger(properties, event),
    ]);
    expect([firstTime, again, ...concurrently].map((result) => result.unique)).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  it("gives exactly one of several concurrent clicks of one visitor the unique", async () => {
    const properties = click();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => Click.prepareForLedger(properties, metadata())),
    );
    expect(results.filter((result) => result.unique)).toHaveLength(1);
  });

  it("counts uniques per link and per day", async () => {
    const first = click();
    expect((await Click.prepareForLedger(first, metadata())).unique).toBe(true);
    const otherLink = { ...first, linkCode: code() };
    expect((await Click.prepareForLedger(otherLink, metadata())).unique).toBe(true);
    const nextDay = { ...first, day: "2037-04-02" };
    expect((await Click.prepareForLedger(nextDay, metadata())).unique).toBe(true);
  });

  it("never makes a bot, self or internal click unique, and writes no marker for them", async () => {
    for (const kind of ["bot", "self", "internal"] as const) {
      const properties = click({ class: kind, reason: "test" });
      const prepared = await Click.prepareForLedger(properties, metadata());
      expect(prepared).toEqual({ ...properties, unique: false });
      const { linkCode, day, visitor } = properties;
      const marker = await uniqueClickEntity().get({ linkCode, day, visitor }).go();
      expect(marker.data).toBeNull();
    }
  });

  it("turns a human click from the member's own visitor hash of that day into self", async () => {
    const orgId = randomUUID();
    const properties = click();
    const { memberId, visitor, day } = properties;
    await Click.rememberMemberVisitor(orgId, memberId, { visitor, day });
    const prepared = await Click.prepareForLedger(properties, metadata({ orgId }));
    expect(prepared).toEqual({
      ...properties,
      class: "self",
      reason: "self_visitor",
      unique: false,
    });
    // Another day, or another member's link, is not the member's own.
    const tomorrow = { ...properties, day: "2037-04-02" };
    expect((await Click.prepareForLedger(tomorrow, metadata({ orgId }))).class).toBe("human");
    const colleague = { ...properties, memberId: randomUUID() };
    expect((await Click.prepareForLedger(colleague, metadata({ orgId }))).class).toBe("human");
  });

  it("gives the same answer again when the member's visitor is remembered after the click", async () => {
    const orgId = randomUUID();
    const properties = click();
    const event = metadata({ orgId, occurredAt: clock.now().toISOString() });
    expect((await Click.prepareForLedger(properties, event)).class).toBe("human");
    clock.advance(60_000);
    const { memberId, visitor, day } = properties;
    await Click.rememberMemberVisitor(orgId, memberId, { visitor, day });
    expect(await Click.prepareForLedger(properties, event)).toEqual({
      ...properties,
      unique: true,
    });
  });

  it("remembers a member's visitor once per day, with an expiry", async () => {
    const orgId = randomUUID();
    const memberId = randomUUID();
    const seen = { visitor: visitorId(), day: "2037-04-01" };
    await Click.rememberMemberVisitor(orgId, memberId, seen);
    const first = await memberVisitorEntity()
      .get({ orgId, memberId, ...seen })
      .go();
    clock.advance(1_000);
    await Click.rememberMemberVisitor(orgId, memberId, seen);
    const second = await memberVisitorEntity()
      .get({ orgId, memberId, ...seen })
      .go();
    expect(second.data?.createdAt).toBe(first.data?.createdAt);
    expect(first.data?.expiresAt).toBeGreaterThan(clock.now().getTime() / 1000);
  });
});
