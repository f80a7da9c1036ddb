import { randomBytes, randomUUID } from "node:crypto";
import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeEach, describe, expect, it } from "vitest";
import { keyOf, storedItem } from "../dynamo/test-support";
import { Keyring } from "../keyring";
import { Secret } from ".";
import { secretEntity } from "./secret.entity";
import { LeanSecret } from "./secret.lean";

const DAY = 24 * 60 * 60;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const entityItem = (item: { name: string; value: string; createdAt: string; expiresAt: number }) =>
  secretEntity().put(item).params().Item as Record<string, unknown>;
const stored = async (name: string) =>
  (await secretEntity().get({ name }).go({ consistent: true })).data ?? undefined;

/** The redirect checks self cookies through secrets read without ElectroDB (./secret.lean.ts). */
describe("the redirect's secrets", () => {
  // Each test starts as a fresh process: no key known in memory.
  beforeEach(() => {
    provideTestRuntime();
  });

  it("makes exactly the item the entity makes, and Secret finds the same key", async () => {
    const name = `Lean-Key:${randomUUID()}`;
    const key = await LeanSecret.named(name, DAY);
    const item = await stored(name);
    expect(item).toBeDefined();
    const expected = entityItem(item as NonNullable<typeof item>);
    expect(await storedItem(keyOf(expected))).toEqual(expected);
    provideTestRuntime();
    expect(await Secret.find(name)).toEqual(key);
    expect(await Secret.named(name, DAY)).toEqual(key);
  });

  it("finds the key Secret made, and makes none where there is none", async () => {
    const name = `lean-key:${randomUUID()}`;
    const key = await Secret.named(name, DAY);
    provideTestRuntime();
    expect(await LeanSecret.find(name)).toEqual(key);
    expect(await LeanSecret.named(name, DAY)).toEqual(key);
    const absent = `lean-key:${randomUUID()}`;
    expect(await LeanSecret.find(absent)).toBeUndefined();
    expect(await stored(absent)).toBeUndefined();
  });

  it("replaces an expired key only, as Secret does, and seals a plaintext one in place", async () => {
    const expired = `lean-key:${randomUUID()}`;
    await secretEntity()
      .put({
        name: expired,
        value: await Keyring.seal(randomBytes(32), `secret:${expired}`),
        createdAt: new Date().toISOString(),
        expiresAt: nowSeconds() - 1,
      })
      .go();
    expect(await LeanSecret.find(expired)).toBeUndefined();
    const fresh = await LeanSecret.named(expired, DAY);
    expect((await stored(expired))?.expiresAt).toBeGreaterThan(nowSeconds());
    provideTestRuntime();
    expect(await Secret.find(expired)).toEqual(fresh);

    const plain = `lean-key:${randomUUID()}`;
    const key = randomBytes(32);
    await secretEntity()
      .put({
        name: plain,
        value: key.toString("base64"),
        createdAt: new Date().toISOString(),
        expiresAt: nowSeconds() + DAY,
      })
      .go();
    expect(await LeanSecret.named(plain, DAY)).toEqual(key);
    expect(Keyring.isSealed((await stored(plain))?.value ?? "")).toBe(true);
    provideTestRuntime();
    expect(await Secret.find(plain)).toEqual(key);
  });
});
