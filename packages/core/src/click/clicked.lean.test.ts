import { describe, expect, it } from "vitest";
import { clickedEvent } from "./clicked.lean";
import { Events } from "./events";

const properties = {
  linkCode: "Ab3dE5gH9k",
  memberId: "member-1",
  contentId: "content-1",
  channel: "linkedin" as const,
  class: "human" as const,
  visitor: "v".repeat(22),
  addressHash: "a".repeat(22),
  day: "2026-12-05",
  country: "SE",
  device: "mobile" as const,
  referrerHost: "www.linkedin.com",
};
const context = {
  orgId: "org-1",
  eventId: "Ab3dE5gH9k.2f1c7a1e-9f4e-4a57-9a38-3f1f5d7c2b11",
  occurredAt: new Date("2026-12-05T09:30:00.000Z"),
  correlationId: "request-1",
};

/** The redirect builds `link.clicked` with zod/mini (./clicked.lean.ts); consumers parse it with Events.Clicked. */
describe("the redirect's link.clicked", () => {
  it("is the event Events.Clicked.create makes, and Events.Clicked parses it back", () => {
    const lean = clickedEvent(properties, context);
    expect(lean).toEqual(Events.Clicked.create(properties, context));
    const parsed = Events.Clicked.parse({
      version: "0",
      id: context.eventId,
      "detail-type": lean.detailType,
      source: lean.source,
      account: "000000000000",
      time: context.occurredAt.toISOString(),
      region: "eu-north-1",
      resources: [],
      detail: lean.detail,
    });
    expect(parsed.properties).toEqual(properties);
    expect(parsed.metadata).toEqual({ ...context, occurredAt: context.occurredAt.toISOString() });
  });

  it.each([
    ["an unknown channel", { channel: "fax" }],
    ["a malformed code", { linkCode: "short" }],
    ["an unknown class", { class: "robot" }],
    ["a lower-case country", { country: "se" }],
    ["an extra field", { address: "192.0.2.1" }],
  ])("refuses %s, as Events.Clicked does", (_, change) => {
    const bad = { ...properties, ...change } as typeof properties;
    expect(() => clickedEvent(bad, context)).toThrow();
    expect(() => Events.Clicked.create(bad, context)).toThrow();
  });
});
