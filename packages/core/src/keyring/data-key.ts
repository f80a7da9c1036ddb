import { isConditionalCheckFailure } from "../error";
import { Runtime } from "../runtime";
import { DATA_KEY_ID, dataKeyEntity } from "./data-key.entity";
import type { KeyWrapper } from "./key-wrapper";

/**
 * The unwrapped data key, once per process (per runtime): one read of its item and one
 * unwrap (a KMS Decrypt on AWS) the first time anything is sealed or opened, never again,
 * so the redirect's clicks never wait on KMS after a cold start. A failed load is forgotten,
 * so the next call tries again.
 */
const loaded = Runtime.perRuntime(() => ({ key: undefined as Promise<Buffer> | undefined }));

export function dataKey(): Promise<Buffer> {
  const slot = loaded();
  if (!slot.key) {
    const key = readOrCreate();
    slot.key = key;
    key.catch(() => {
      if (slot.key === key) slot.key = undefined;
    });
  }
  return slot.key;
}

/** The first writer's key wins (a conditional create), so every instance uses the same one. */
async function readOrCreate(): Promise<Buffer> {
  const runtime = Runtime.use();
  const { keyWrapper } = runtime;
  const entity = dataKeyEntity();
  const read = async () => (await entity.get({ id: DATA_KEY_ID }).go({ consistent: true })).data;
  const unwrap = (item: { wrapped: string; wrapper: string }) => unwrapWith(keyWrapper, item);
  const found = await read();
  if (found) return unwrap(found);
  const fresh = await keyWrapper.generateDataKey();
  try {
    await entity
      .create({
        id: DATA_KEY_ID,
        wrapped: fresh.wrapped,
        wrapper: keyWrapper.kind,
        createdAt: runtime.now().toISOString(),
      })
      .go({ response: "none" });
    return fresh.plaintext;
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    const winner = await read();
    if (!winner) throw error;
    return unwrap(winner);
  }
}

async function unwrapWith(
  keyWrapper: KeyWrapper,
  item: { wrapped: string; wrapper: string },
): Promise<Buffer> {
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
