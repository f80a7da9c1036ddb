import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { KeyWrapper } from "./key-wrapper.lean";

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Additional data of every wrap: a wrapped data key opens as nothing else. */
const PURPOSE = Buffer.from("sprida data key", "utf8");

/**
 * Wraps the data key with AES-256-GCM under a 32-byte key held outside the table: the key
 * file in the local data folder (packages/local), or a fixed key in tests. Whoever reads the
 * table alone (a copy of DynamoDB Local's files, a stream dump) cannot open what it seals.
 */
export function localKeyWrapper(key: Buffer): KeyWrapper {
  if (key.length !== 32) throw new Error(`A local wrapping key has 32 bytes, not ${key.length}`);
  return {
    kind: "local",
    async generateDataKey() {
      const plaintext = randomBytes(32);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(PURPOSE);
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      const wrapped = Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64");
      return { plaintext, wrapped };
    },
    async unwrap(wrapped) {
      const bytes = Buffer.from(wrapped, "base64");
      const iv = bytes.subarray(0, IV_BYTES);
      const tag = bytes.subarray(bytes.length - TAG_BYTES);
      const decipher = createDecipheriv("aes-256-gcm", key, iv).setAAD(PURPOSE).setAuthTag(tag);
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]);
    },
  };
}
