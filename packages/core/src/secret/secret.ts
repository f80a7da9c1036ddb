import { isConditionalCheckFailure } from "../error";
import { Keyring } from "../keyring";
import * as NamedKey from "./named-key";
import { secretEntity } from "./secret.entity";

/** Secrets through their ElectroDB entity. */
const store: NamedKey.SecretStore = {
  keyring: Keyring,
  async read(name) {
    return (await secretEntity().get({ name }).go({ consistent: true })).data ?? undefined;
  },
  async replace(fresh, previous) {
    await secretEntity()
      .put(fresh)
      .where((attributes, op) =>
        previous ? op.eq(attributes.expiresAt, previous.expiresAt) : op.notExists(attributes.value),
      )
      .go();
  },
  async setValue(name, value, expected) {
    await secretEntity()
      .patch({ name })
      .set({ value })
      .where((attributes, op) => op.eq(attributes.value, expected))
      .go({ response: "none" });
  },
};

/** See `NamedKey.named`: made on first use, shared by every instance, sealed in the table. */
export const named = (name: string, lifetimeSeconds: number) =>
  NamedKey.named(store, name, lifetimeSeconds);

/** See `NamedKey.find`: the key if one exists and has not expired; never makes one. */
export const find = (name: string) => NamedKey.find(store, name);

/**
 * Ends a key's life by `notAfter` (epoch seconds) at the latest, sealing it if it was stored
 * before keys were sealed: for a key that is no longer made but may still verify what it
 * signed until then.
 */
export async function retire(name: string, notAfter: number): Promise<void> {
  const found = await store.read(name);
  if (!found || (Keyring.isSealed(found.value) && found.expiresAt <= notAfter)) return;
  const sealed = Keyring.isSealed(found.value)
    ? found.value
    : await Keyring.seal(Buffer.from(found.value, "base64"), NamedKey.contextOf(name));
  try {
    await secretEntity()
      .patch({ name })
      .set({ value: sealed, expiresAt: Math.min(found.expiresAt, notAfter) })
      .where((attributes, op) => op.eq(attributes.value, found.value))
      .go({ response: "none" });
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
  NamedKey.forget(name);
}

/** Deletes a key for good (the salt-expiry job uses this). */
export async function destroy(name: string): Promise<void> {
  NamedKey.forget(name);
  await secretEntity().delete({ name }).go();
}
