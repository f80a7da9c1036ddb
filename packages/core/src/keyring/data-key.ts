import { isConditionalCheckFailure } from "../error";
import { Runtime } from "../runtime";
import type { KeyWrapper } from "./key-wrapper.lean";

/** There is one data key per table; its item has this fixed id. */
export const DATA_KEY_ID = "table";

/** The table's data key item as stored: the key as the wrapper returned it, and which wrapper. */
export interface StoredDataKey {
  wrapped: string;
  wrapper: "kms" | "local";
  createdAt: string;
}

/**
 * Where the data key item is read and created: through its ElectroDB entity (./seal.ts) or
 * the redirect's lean store (./data-key.lean.ts). `create` writes only if no key exists yet,
 * and fails with a conditional check failure otherwise.
 */
export interface DataKeyStore {
  read(): Promise<StoredDataKey | undefined>;
  create(item: StoredDataKey): Promise<void>;
}

/**
 * The unwrapped data key, once per process (per runtime), whichever store asked first: one
 * read of its item and one unwrap (a KMS Decrypt on AWS) the first time anything is sealed or
 * opened, never again, so the redirect's clicks never wait on KMS after a cold start. A
 * failed load is forgotten, so the next call tries again.
 */
const loaded = Runtime.perRuntime(() => ({ key: undefined as Promise<Buffer> | undefined }));

export function dataKey(store: DataKeyStore): Promise<Buffer> {
  const slot = loaded();
  if (!slot.key) {
    const key = readOrCreate(store);
    slot.key = key;
    key.catch(() => {
      if (slot.key === key) slot.key = undefined;
    });
  }
  return slot.key;
}

/** The first writer's key wins (a conditional create), so every instance uses the same one. */
async function readOrCreate(store: DataKeyStore): Promise<Buffer> {
  const runtime = Runtime.use();
  const { keyWrapper } = runtime;
  const unwrap = (item: StoredDataKey) => unwrapWith(keyWrapper, item);
  const found = await store.read();
  if (found) return unwrap(found);
  const fresh = await keyWrapper.generateDataKey();
  try {
    await store.create({
      wrapped: fresh.wrapped,
      wrapper: keyWrapper.kind,
      createdAt: runtime.now().toISOString(),
    });
    return fresh.plaintext;
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    const winner = await store.read();
    if (!winner) throw error;
    return unwrap(winner);
  }
}

async function unwrapWith(keyWrapper: KeyWrapper, item: StoredDataKey): Promise<Buffer> {
  try {
    if (item.wrapper !== keyWrapper.kind) {
      throw new Error(`it was wrapped by a ${item.wrapper} key`);
    }
    return await keyWrapper.unwrap(item.wrapped);
  } catch (error) {
    // Nothing sealed in this table can be opened: say why, rather than fail each value.
    throw new Error(
      `The table's data key does not unwrap with this runtime's ${keyWrapper.kind} key ` +
        "(locally: was the data folder's keyring.key replaced or deleted?)",
      { cause: error },
    );
  }
}
