import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { type DataKeyStore, dataKey } from "./data-key";

/** Marks a sealed value; never a prefix of base64 or of a `whsec_` secret (the legacy forms). */
const PREFIX = "sealed:v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Seals and opens values under the table's data key (see `sealerOver`). */
export interface Sealer {
  seal(plaintext: Buffer | string, context: string): Promise<string>;
  open(sealed: string, context: string): Promise<Buffer>;
  preload(): void;
  isSealed(value: string): boolean;
}

/** Whether a stored value is sealed, or still in a plaintext form written before sealing. */
export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

/**
 * Sealing with the data key that `store` reads or creates: the ElectroDB entity's store for
 * `Keyring` (./seal.ts), the lean one on the redirect's path (./data-key.lean.ts). Both load
 * the same key into the same per-runtime slot.
 */
export function sealerOver(store: DataKeyStore): Sealer {
  return {
    /**
     * AES-256-GCM under the table's data key, with `context` as additional data: what the
     * value is for (`secret:<name>`, `visitor-salt:<org>:<day>`,
     * `webhook-secret:<org>:<id>:current`). A sealed value copied into another item, or into
     * another field, no longer opens.
     */
    async seal(plaintext, context) {
      const key = await dataKey(store);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(context, "utf8"));
      const body = Buffer.concat([
        cipher.update(typeof plaintext === "string" ? Buffer.from(plaintext, "utf8") : plaintext),
        cipher.final(),
      ]);
      return `${PREFIX}${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url")}`;
    },

    /** The plaintext of a value `seal` made for the same context; throws for anything else. */
    async open(sealed, context) {
      if (!isSealed(sealed)) throw new Error(`Not a sealed value (for ${context})`);
      const bytes = Buffer.from(sealed.slice(PREFIX.length), "base64url");
      if (bytes.length < IV_BYTES + TAG_BYTES)
        throw new Error(`A sealed value is cut short (for ${context})`);
      const key = await dataKey(store);
      const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES))
        .setAAD(Buffer.from(context, "utf8"))
        .setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      try {
        return Buffer.concat([
          decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
          decipher.final(),
        ]);
      } catch (error) {
        throw new Error(
          `A sealed value does not open as ${context}: altered, or moved from elsewhere`,
          { cause: error },
        );
      }
    },

    /**
     * Starts loading the data key without waiting for it: a caller about to read a sealed
     * value overlaps the key's first load (a read and an unwrap) with its own read.
     */
    preload() {
      dataKey(store).catch(() => {
        // The open that follows reports it.
      });
    },

    isSealed,
  };
}
