import { randomUUID } from "node:crypto";
import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { keyOf, storedItem } from "../dynamo/test-support";
import { isConditionalCheckFailure } from "../error";
import { SALT_GROUP, visitorSaltEntity } from "./visitor-salt.entity";
import { createSalt, readSalt, type StoredSalt } from "./visitor-salt.lean";

/** The click path keeps salts without ElectroDB (./visitor-salt.lean.ts); the purge job uses the entity. */
describe("the redirect's salt store", () => {
  beforeAll(() => provideTestRuntime());

  const salt = (): StoredSalt => ({
    orgId: randomUUID(),
    day: "2026-12-05",
    value: "sealed:v1:not-really",
    createdAt: new Date().toISOString(),
    expiresAt: 1_800_000_000,
  });
  const entityItem = (value: StoredSalt) =>
    visitorSaltEntity()
      .create({ group: SALT_GROUP, ...value })
      .params().Item as Record<string, unknown>;

  it("writes exactly the item the entity writes, which the entity and its purge query read", async () => {
    const made = salt();
    await createSalt(made);
    const expected = entityItem(made);
    expect(await storedItem(keyOf(expected))).toEqual(expected);
    const { data } = await visitorSaltEntity()
      .get({ group: SALT_GROUP, day: made.day, orgId: made.orgId })
      .go({ consistent: true });
    expect(data).toEqual({ group: SALT_GROUP, ...made });
    const { data: days } = await visitorSaltEntity()
      .query.byDay({ group: SALT_GROUP })
      .lt({ day: "2026-12-06" })
      .go({ pages: "all" });
    expect(days).toContainEqual({ group: SALT_GROUP, ...made });
  });

  it("reads what the entity wrote, and undefined where it wrote nothing", async () => {
    const made = salt();
    await visitorSaltEntity()
      .create({ group: SALT_GROUP, ...made })
      .go();
    expect(await readSalt(made.orgId, made.day)).toEqual(made);
    expect(await readSalt(made.orgId, "2026-12-06")).toBeUndefined();
  });

  it("never overwrites a salt: the second writer fails its condition and the first stays", async () => {
    const first = salt();
    await createSalt(first);
    const second = { ...first, value: "sealed:v1:another" };
    const failure = await createSalt(second).catch((error: unknown) => error);
    expect(isConditionalCheckFailure(failure)).toBe(true);
    expect(await readSalt(first.orgId, first.day)).toEqual(first);
  });
});
