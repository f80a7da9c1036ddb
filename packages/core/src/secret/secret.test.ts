import { randomBytes, randomUUID } from "node:crypto";
import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeEach, describe, expect, it } from "vitest";
import { Keyring } from "../keyring";
import { Secret } from ".";
import { secretEntity } from "./secret.entity";

const DAY = 24 * 60 * 60;
const stored = async (name: string) =>
  (await secretEntity().get({ name }).go({ consistent: true })).data ?? undefined;
const nowSeconds = () => Math.floor(Date.now() / 1000);

beforeEach(() => {
  // Each test is a fresh process: nothing known in memory.
  provideTestRuntime();
});

describe("a named key", () => {
  it("is stored sealed and bound to its name: copied under another name, it is refused", async () => {
    const name = `test-key:${randomUUID()}`;
    const key = await Secret.named(name, DAY);
    const item = await stored(name);
    expect(Keyring.isSealed(item?.value ?? "")).toBe(true);
    expect(item?.value).not.toContain(key.toString("base64"));

    provideTestRuntime();
    expect(await Secret.named(name, DAY)).toEqual(key);
    const elsewhere = `test-key:${randomUUID()}`;
    await secretEntity()
      .put({ ...(item as NonNullable<typeof item>), name: elsewhere })
      .go();
    await expect(Secret.named(elsewhere, DAY)).rejects.toThrow(/does not open as secret:/);
  });

  it("stored in plaintext before keys were sealed stays the same key, sealed at its first read", async () => {
    const name = `test-key:${randomUUID()}`;
    const key = randomBytes(32);
    await secretEntity()
      .put({
        name,
        value: key.toString("base64"),
        createdAt: new Date().toISOString(),
        expiresAt: nowSeconds() + DAY,
      })
      .go();
    expect(await Secret.named(name, DAY)).toEqual(key);
    expect(Keyring.isSealed((await stored(name))?.value ?? "")).toBe(true);
    provideTestRuntime();
    expect(await Secret.named(name, DAY)).toEqual(key);
    expect(await Secret.find(name)).toEqual(key);
  });

  it("is never made by find, and retire seals it and shortens its life only", async () => {
    const name = `test-key:${randomUUID()}`;
    expect(await Secret.find(name)).toBeUndefined();
    expect(await stored(name)).toBeUndefined();

    const key = randomBytes(32);
    const put = (expiresAt: number) =>
      secretEntity()
        .put({
          name,
          value: key.toString("base64"),
          createdAt: new Date().toISOString(),
          expiresAt,
        })
        .go();
    await put(nowSeconds() + 3650 * DAY);
    await Secret.retire(name, nowSeconds() + DAY);
    const retired = await stored(name);
    expect(Keyring.isSealed(retired?.value ?? "")).toBe(true);
    expect(retired?.expiresAt).toBeLessThanOrEqual(nowSeconds() + DAY);
    expect(await Secret.find(name)).toEqual(key);
    // A later retire with a later date never lengthens it.
    await Secret.retire(name, nowSeconds() + 30 * DAY);
    expect((await stored(name))?.expiresAt).toBe(retired?.expiresAt);
  });
});
