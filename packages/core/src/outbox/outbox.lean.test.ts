import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { keyOf, storedItem } from "../dynamo/test-support";
import { defineEvent } from "../event";
import { itemOf } from "./item";
import { republish } from "./outbox";
import { outboxEntity } from "./outbox.entity";
import { keepLean } from "./outbox.lean";

const Noticed = defineEvent("test.noticed", z.strictObject({ what: z.string() }));

/** The redirect keeps a click the bus refused without ElectroDB (./outbox.lean.ts). */
describe("the redirect's outbox", () => {
  const at = new Date("2026-12-05T10:00:00.000Z");
  beforeAll(() => provideTestRuntime({ now: () => at }));

  it("keeps exactly the item Outbox.keep keeps, which the outbox job publishes again", async () => {
    const event = Noticed.create({ what: "a click" }, { orgId: "org-lean" });
    await keepLean(event);
    const expected = outboxEntity().put(itemOf(event)).params().Item as Record<string, unknown>;
    expect(await storedItem(keyOf(expected))).toEqual(expected);

    const { publisher } = provideTestRuntime({ now: () => at });
    const { republished } = await republish({ now: new Date(at.getTime() + 5 * 60_000) });
    expect(republished).toBeGreaterThanOrEqual(1);
    expect(publisher.published).toContainEqual(event);
    expect(await storedItem(keyOf(expected))).toBeUndefined();
  });
});
