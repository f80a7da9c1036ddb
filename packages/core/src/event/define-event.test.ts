import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineEvent } from "./define-event";

const Shared = defineEvent(
  "thing.shared",
  z.strictObject({ thingId: z.string().min(1), count: z.number().int() }),
);

function delivered(detailType: string, detail: unknown) {
  return {
    version: "0",
    id: "delivery-1",
    "detail-type": detailType,
    source: "sprida",
    account: "000000000000",
    time: "2026-11-28T10:00:00Z",
    region: "local",
    resources: [],
    detail,
  };
}

describe("defineEvent", () => {
  it("wraps valid properties in the envelope with metadata", () => {
    const at = new Date("2026-11-28T10:00:00.000Z");
    const event = Shared.create(
      { thingId: "t1", count: 2 },
      { orgId: "org-1", occurredAt: at, correlationId: "c-1" },
    );
    expect(event).toMatchObject({
      source: "sprida",
      detailType: "thing.shared",
      detail: {
        properties: { thingId: "t1", count: 2 },
        metadata: { orgId: "org-1", occurredAt: at.toISOString(), correlationId: "c-1" },
      },
    });
    expect(event.detail.metadata.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses invalid properties at the publisher", () => {
    expect(() => Shared.create({ thingId: "", count: 1.5 }, { orgId: "o" })).toThrow();
    expect(() =>
      Shared.create({ thingId: "t", count: 1, extra: true } as never, { orgId: "o" }),
    ).toThrow();
  });

  it("parses what a target receives, and refuses another event's name or a bad detail", () => {
    const { detail } = Shared.create({ thingId: "t1", count: 1 }, { orgId: "o" });
    expect(Shared.parse(delivered("thing.shared", detail)).properties).toEqual({
      thingId: "t1",
      count: 1,
    });
    expect(() => Shared.parse(delivered("thing.other", detail))).toThrow(
      /Expected sprida\/thing.shared/,
    );
    expect(() =>
      Shared.parse(delivered("thing.shared", { ...detail, properties: { thingId: 3 } })),
    ).toThrow();
    expect(() =>
      Shared.parse(delivered("thing.shared", { properties: detail.properties })),
    ).toThrow();
  });
});
