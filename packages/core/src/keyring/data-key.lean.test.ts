import { randomUUID } from "node:crypto";
import { provideTestRuntime, withRuntime } from "@sprida/testing/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchTable, deleteScratchTable, keyOf, storedItem } from "../dynamo/test-support";
import { isConditionalCheckFailure } from "../error";
import { DATA_KEY_ID, dataKeyEntity } from "./data-key.entity";
import { leanDataKeyStore, leanKeyring } from "./data-key.lean";
import { open, seal } from "./seal";

/**
 * The redirect loads the data key without ElectroDB (./data-key.lean.ts). There is one key per
 * table, so each case makes its own table.
 */
describe("the redirect's data key store", () => {
  const tables = [`lean-key-${randomUUID()}`, `lean-key-${randomUUID()}`];
  beforeAll(async () => {
    provideTestRuntime();
    for (const table of tables) await createScratchTable(table);
  });
  afterAll(async () => {
    provideTestRuntime();
    for (const table of tables) await deleteScratchTable(table);
  });
  /** A fresh process (a runtime of its own: no key loaded in memory) on the given table. */
  const freshProcess = <T>(tableName: string, fn: () => Promise<T>) =>
    withRuntime({ tableName }, fn);

  it("creates exactly the item the entity creates, and what it seals the entity's Keyring opens", async () => {
    const tableName = tables[0] ?? "";
    const sealed = await freshProcess(tableName, () => leanKeyring.seal("hello", "test:lean"));
    await freshProcess(tableName, async () => {
      const stored = await leanDataKeyStore.read();
      expect(stored).toBeDefined();
      const expected = dataKeyEntity()
        .create({ id: DATA_KEY_ID, ...(stored as NonNullable<typeof stored>) })
        .params().Item as Record<string, unknown>;
      expect(await storedItem(keyOf(expected))).toEqual(expected);
      const { data } = await dataKeyEntity().get({ id: DATA_KEY_ID }).go({ consistent: true });
      expect(data).toEqual({ id: DATA_KEY_ID, ...stored });
      expect((await open(sealed, "test:lean")).toString()).toBe("hello");
    });
  });

  it("reads the key the entity created, and never replaces it", async () => {
    const tableName = tables[1] ?? "";
    const sealed = await freshProcess(tableName, () => seal("from the API", "test:lean"));
    await freshProcess(tableName, async () => {
      const { data } = await dataKeyEntity().get({ id: DATA_KEY_ID }).go({ consistent: true });
      const { id: _, ...stored } = data ?? { id: "" };
      expect(await leanDataKeyStore.read()).toEqual(stored);
      expect((await leanKeyring.open(sealed, "test:lean")).toString()).toBe("from the API");
      const failure = await leanDataKeyStore
        .create({ wrapped: "x", wrapper: "local", createdAt: new Date().toISOString() })
        .catch((error: unknown) => error);
      expect(isConditionalCheckFailure(failure)).toBe(true);
    });
  });
});
