import { randomBytes, randomUUID } from "node:crypto";
import type { KMSClient } from "@aws-sdk/client-kms";
import { provideTestRuntime, withRuntime } from "@sprida/testing/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchTable, deleteScratchTable } from "../dynamo/test-support";
import { Runtime } from "../runtime";
import { Keyring, type KeyWrapper } from ".";

beforeAll(() => {
  provideTestRuntime();
});

describe("sealing a value", () => {
  it("seals the same plaintext differently each time, and opens it only under its own context", async () => {
    const plaintext = randomBytes(32);
    const once = await Keyring.seal(plaintext, "secret:a");
    const twice = await Keyring.seal(plaintext, "secret:a");
    expect(once).not.toBe(twice);
    expect(Keyring.isSealed(once)).toBe(true);
    expect(once).not.toContain(plaintext.toString("base64url"));
    expect(await Keyring.open(once, "secret:a")).toEqual(plaintext);
    expect(await Keyring.open(twice, "secret:a")).toEqual(plaintext);
    await expect(Keyring.open(once, "secret:b")).rejects.toThrow(/does not open as secret:b/);
  });

  it("refuses a sealed value altered by one bit, cut short, or never sealed", async () => {
    const sealed = await Keyring.seal("whsec_example", "webhook-secret:o:w:current");
    const body = Buffer.from(sealed.slice("sealed:v1:".length), "base64url");
    body[20] = (body[20] ?? 0) ^ 1;
    const flipped = `sealed:v1:${body.toString("base64url")}`;
    await expect(Keyring.open(flipped, "webhook-secret:o:w:current")).rejects.toThrow();
    await expect(Keyring.open(sealed.slice(0, 20), "webhook-secret:o:w:current")).rejects.toThrow();
    await expect(Keyring.open("whsec_example", "webhook-secret:o:w:current")).rejects.toThrow();
    expect(Keyring.isSealed("whsec_example")).toBe(false);
    expect(Keyring.isSealed(randomBytes(32).toString("base64"))).toBe(false);
  });
});

/** Resolves for everyone once `parties` callers have arrived. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let release: () => void = () => {};
  const together = new Promise<void>((resolve) => {
    release = resolve;
  });
  return () => {
    arrived++;
    if (arrived >= parties) release();
    return together;
  };
}

/** A local wrapper that counts its calls; generating waits at `arrive` (a race, forced). */
function countingWrapper(key: Buffer, arrive: () => Promise<void> = async () => {}) {
  const inner = Keyring.localKeyWrapper(key);
  const calls = { generated: 0, unwrapped: 0 };
  const wrapper: KeyWrapper = {
    kind: inner.kind,
    async generateDataKey() {
      calls.generated++;
      await arrive();
      return inner.generateDataKey();
    },
    async unwrap(wrapped) {
      calls.unwrapped++;
      return inner.unwrap(wrapped);
    },
  };
  return { wrapper, calls };
}

describe("the table's data key", () => {
  // A table of its own (keys only, no stream), so its data key can be made here from nothing.
  const tableName = `keyring-test-${randomUUID()}`;
  const wrappingKey = randomBytes(32);
  const runtimeOn = (keyWrapper: KeyWrapper): Runtime.Runtime => ({
    ...Runtime.use(),
    tableName,
    keyWrapper,
  });

  beforeAll(() => createScratchTable(tableName));
  afterAll(async () => {
    provideTestRuntime();
    await deleteScratchTable(tableName);
  });

  it("is made once when instances race for it, and unwrapped once per process", async () => {
    // Two processes start together: both find no key, both make one, one write wins.
    const bothMissedIt = barrier(2);
    const first = countingWrapper(wrappingKey, bothMissedIt);
    const second = countingWrapper(wrappingKey, bothMissedIt);
    const a = runtimeOn(first.wrapper);
    const b = runtimeOn(second.wrapper);
    const before = Runtime.use();
    try {
      Runtime.provide(a);
      const sealedByA = Keyring.seal("from a", "test:race");
      Runtime.provide(b);
      const sealedByB = Keyring.seal("from b", "test:race");
      const [fromA, fromB] = await Promise.all([sealedByA, sealedByB]);
      expect(first.calls.generated + second.calls.generated).toBe(2);
      // The loser unwrapped the winner's key: each opens what the other sealed.
      expect(first.calls.unwrapped + second.calls.unwrapped).toBe(1);
      Runtime.provide(a);
      expect((await Keyring.open(fromB, "test:race")).toString()).toBe("from b");
      Runtime.provide(b);
      expect((await Keyring.open(fromA, "test:race")).toString()).toBe("from a");

      // A third process reads the key once, however much it opens.
      const later = countingWrapper(wrappingKey);
      Runtime.provide(runtimeOn(later.wrapper));
      for (let i = 0; i < 50; i++) {
        expect((await Keyring.open(fromA, "test:race")).toString()).toBe("from a");
      }
      expect(later.calls).toEqual({ generated: 0, unwrapped: 1 });
    } finally {
      Runtime.provide(before);
    }
  });

  it("says so when the table's data key was wrapped with another key (a lost key file)", async () => {
    await withRuntime(runtimeOn(Keyring.localKeyWrapper(randomBytes(32))), () =>
      expect(Keyring.seal("anything", "test:lost")).rejects.toThrow(
        /data key does not unwrap with this runtime's local key/,
      ),
    );
  });
});

describe("the KMS key wrapper", () => {
  it("asks for an AES-256 data key under the stage's encryption context, and names the key to unwrap", async () => {
    const sent: { name: string; input: unknown }[] = [];
    const client = {
      async send(command: { constructor: { name: string }; input: unknown }) {
        sent.push({ name: command.constructor.name, input: command.input });
        return command.constructor.name === "GenerateDataKeyCommand"
          ? { Plaintext: new Uint8Array(32).fill(1), CiphertextBlob: new Uint8Array([9, 9, 9]) }
          : { Plaintext: new Uint8Array(32).fill(1) };
      },
    } as unknown as KMSClient;
    const keyArn = "arn:aws:kms:eu-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const wrapper = Keyring.kmsKeyWrapper({ client, keyArn, stage: "production" });

    const { plaintext, wrapped } = await wrapper.generateDataKey();
    expect(plaintext).toEqual(Buffer.alloc(32, 1));
    expect(await wrapper.unwrap(wrapped)).toEqual(Buffer.alloc(32, 1));
    const context = { "sprida:stage": "production" };
    expect(sent).toEqual([
      {
        name: "GenerateDataKeyCommand",
        input: { KeyId: keyArn, KeySpec: "AES_256", EncryptionContext: context },
      },
      {
        name: "DecryptCommand",
        input: {
          KeyId: keyArn,
          CiphertextBlob: Buffer.from([9, 9, 9]),
          EncryptionContext: context,
        },
      },
    ]);
  });

  it("is missing, with a reason, in a function the infra gave no key", async () => {
    const wrapper = Keyring.missingKeyWrapper("no SPRIDA_KMS_KEY_ARN");
    await expect(wrapper.generateDataKey()).rejects.toThrow(/no SPRIDA_KMS_KEY_ARN/);
  });
});
