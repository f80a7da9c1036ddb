import { randomBytes } from "node:crypto";
import { isConditionalCheckFailure } from "../error";
import { Keyring } from "../keyring";
import { Runtime } from "../runtime";
import { type SecretItem, secretEntity } from "./secret.entity";

/** How long `find` trusts that a key does not exist before it asks the table again. */
const ABSENT_SECONDS = 60;

/** Keys this process knows, until `until` (epoch seconds); `value` undefined: none exists. */
const known = Runtime.perRuntime(
  () => new Map<string, { value: Buffer | undefined; until: number }>(),
);

const nowSeconds = () => Math.floor(Runtime.use().now().getTime() / 1000);
/** Binds a sealed key to its name: one key's item cannot be passed off as another's. */
const contextOf = (name: string) => `secret:${name}`;

/**
 * A random 32-byte key under `name`, made on first use and shared by every instance (the
 * first writer wins a conditional put). It is never derived from another key, so once it
 * expires and is deleted, nothing can recreate it: what it hashed cannot be re-linked. The
 * table holds it sealed (Keyring); this process keeps it in memory until it expires.
 */
export async function named(name: string, lifetimeSeconds: number): Promise<Buffer> {
  const now = nowSeconds();
  const cached = known().get(name);
  if (cached?.value && cached.until > now) return cached.value;

  const entity = secretEntity();
  let found = await read(name);
  let value: Buffer;
  if (found && found.expiresAt > now) {
    value = await reveal(found);
  } else {
    value = randomBytes(32);
    const fresh: SecretItem = {
      name,
      value: await Keyring.seal(value, contextOf(name)),
      createdAt: Runtime.use().now().toISOString(),
      expiresAt: now + lifetimeSeconds,
    };
    try {
      // Replace only what is missing or expired, so concurrent creators agree on one key.
      const previous = found;
      await entity
        .put(fresh)
        .where((attributes, op) =>
          previous
            ? op.eq(attributes.expiresAt, previous.expiresAt)
            : op.notExists(attributes.value),
        )
        .go();
      found = fresh;
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      found = await read(name);
      if (!found) throw error;
      value = await reveal(found);
    }
  }
  known().set(name, { value, until: found.expiresAt });
  return value;
}

/**
 * The key under `name` if one exists and has not expired; never makes one (to verify what an
 * older key signed). An absent key is asked for again after a minute.
 */
export async function find(name: string): Promise<Buffer | undefined> {
  const now = nowSeconds();
  const cached = known().get(name);
  if (cached && cached.until > now) return cached.value;
  const found = await read(name);
  const live = found && found.expiresAt > now ? found : undefined;
  const value = live ? await reveal(live) : undefined;
  known().set(name, { value, until: live ? live.expiresAt : now + ABSENT_SECONDS });
  return value;
}

/**
 * Ends a key's life by `notAfter` (epoch seconds) at the latest, sealing it if it was stored
 * before keys were sealed: for a key that is no longer made but may still verify what it
 * signed until then.
 */
export async function retire(name: string, notAfter: number): Promise<void> {
  const found = await read(name);
  if (!found || (Keyring.isSealed(found.value) && found.expiresAt <= notAfter)) return;
  const sealed = Keyring.isSealed(found.value)
    ? found.value
    : await Keyring.seal(Buffer.from(found.value, "base64"), contextOf(name));
  try {
    await secretEntity()
      .patch({ name })
      .set({ value: sealed, expiresAt: Math.min(found.expiresAt, notAfter) })
      .where((attributes, op) => op.eq(attributes.value, found.value))
      .go({ response: "none" });
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
  known().delete(name);
}

/** Deletes a key for good (the salt-expiry job uses this). */
export async function destroy(name: string): Promise<void> {
  known().delete(name);
  await secretEntity().delete({ name }).go();
}

async function read(name: string): Promise<SecretItem | undefined> {
  return (await secretEntity().get({ name }).go({ consistent: true })).data ?? undefined;
}

/**
 * The key's bytes. A key stored in plaintext (base64, before keys were sealed) still works,
 * and is sealed in place the first time it is read: its value does not change.
 */
async function reveal(item: SecretItem): Promise<Buffer> {
  if (Keyring.isSealed(item.value)) return Keyring.open(item.value, contextOf(item.name));
  const value = Buffer.from(item.value, "base64");
  try {
    await secretEntity()
      .patch({ name: item.name })
      .set({ value: await Keyring.seal(value, contextOf(item.name)) })
      .where((attributes, op) => op.eq(attributes.value, item.value))
      .go({ response: "none" });
  } catch (error) {
    // Sealed (or replaced) by another instance meanwhile: the value read is still the key.
    if (!isConditionalCheckFailure(error)) throw error;
  }
  return value;
}
