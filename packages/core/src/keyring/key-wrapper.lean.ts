/**
 * Wraps and unwraps the table's data key (envelope encryption): the data key seals values
 * in the table, and only a wrapped copy of it is stored. On AWS a KMS key wraps it; on one
 * machine a key file in the data folder; in tests a fixed key. Injected through the Runtime.
 */
export interface KeyWrapper {
  /** Stored with the wrapped data key, so a runtime with another kind of wrapper says so. */
  readonly kind: "kms" | "local";
  /** A fresh 32-byte data key, and the wrapped form to store. */
  generateDataKey(): Promise<{ plaintext: Buffer; wrapped: string }>;
  unwrap(wrapped: string): Promise<Buffer>;
}

/** For a function the infra gave no key: it must never seal or open anything. */
export function missingKeyWrapper(reason: string): KeyWrapper {
  const fail = () => Promise.reject(new Error(`No key to seal or open secrets: ${reason}`));
  return { kind: "kms", generateDataKey: fail, unwrap: fail };
}
