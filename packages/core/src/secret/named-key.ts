import { randomBytes } from "node:crypto";
import { isConditionalCheckFailure } from "../error";
import type { Sealer } from "../keyring/data-key.lean";
import { Runtime } from "../runtime";

/** A secret's item as stored. */
export interface StoredSecret {
  name: string;
  /** The key, sealed (Keyring); base64 plaintext in items written before sealing. */
  value: string;
  createdAt: string;
  /** Epoch seconds: read as "gone" after this even where TTL has not deleted it yet. */
  expiresAt: number;
}

/**
 * Where secrets are read and written: their ElectroDB entity (./secret.ts) or the redirect's
 * lean store (./secret.lean.ts), each with the sealing over the same data key. Writes fail
 * with a conditional check failure when their condition does not hold.
 */
export interface SecretStore {
  keyring: Sealer;
  /** A consistent read. */
  read(name: string): Promise<StoredSecret | undefined>;
  /** Puts `fresh` where the stored item is still `previous` (its expiry), or none has a value. */
  replace(fresh: StoredSecret, previous: StoredSecret | undefined): Promise<void>;
  /** Sets the value of an existing item where it is still `expected`. */
  setValue(name: string, value: string, expected: string): Promise<void>;
}

/** How long `find` trusts that a key does not exist before it asks the table again. */
const ABSENT_SECONDS = 60;

/**
 * Keys this process knows, until `until` (epoch seconds); `value` undefined: none exists.
 * One per runtime, whichever store read them.
 */
const known = Runtime.perRuntime(
  () => new Map<string, { value: Buffer | undefined; until: number }>(),
);

const nowSeconds = () => Math.floor(Runtime.use().now().getTime() / 1000);
/** Binds a sealed key to its name: one key's item cannot be passed off as another's. */
export const contextOf = (name: string) => `secret:${name}`;

/** Forgets what this process knows of a key (it was retired or destroyed). */
export function forget(name: string): void {
  known().delete(name);
}

/**
 * A random 32-byte key under `name`, made on first use and shared by every instance (the
 * first writer wins a conditional put). It is never derived from another key, so once it
 * expires and is deleted, nothing can recreate it: what it hashed cannot be re-linked. The
 * table holds it sealed (Keyring); this process keeps it in memory until it expires.
 */
export async function named(
  store: SecretStore,
  name: string,
  lifetimeSeconds: number,
): Promise<Buffer> {
  const now = nowSeconds();
  const cached = known().get(name);
  if (cached?.value && cached.until > now) return cached.value;

  let found = await store.read(name);
  let value: Buffer;
  if (found && found.expiresAt > now) {
    value = await reveal(store, found);
  } else {
    value = randomBytes(32);
    const fresh: StoredSecret = {
      name,
      value: await store.keyring.seal(value, contextOf(name)),
      createdAt: Runtime.use().now().toISOString(),
      expiresAt: now + lifetimeSeconds,
    };
    try {
      // Replace only what is missing or expired, so concurrent creators agree on one key.
      await store.replace(fresh, found);
      found = fresh;
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      found = await store.read(name);
      if (!found) throw error;
      value = await reveal(store, found);
    }
  }
  known().set(name, { value, until: found.expiresAt });
  return value;
}

/**
 * The key under `name` if one exists and has not expired; never makes one (to verify what an
 * older key signed). An absent key is asked for again after a minute.
 */
export async function find(store: SecretStore, name: string): Promise<Buffer | undefined> {
  const now = nowSeconds();
  const cached = known().get(name);
  if (cached && cached.until > now) return cached.value;
  const found = await store.read(name);
  const live = found && found.expiresAt > now ? found : undefined;
  const value = live ? await reveal(store, live) : undefined;
  known().set(name, { value, until: live ? live.expiresAt : now + ABSENT_SECONDS });
  return value;
}

/**
 * The key's bytes. A key stored in plaintext (base64, before keys were sealed) still works,
 * and is sealed in place the first time it is read: its value does not change.
 */
async function reveal(store: SecretStore, item: StoredSecret): Promise<Buffer> {
  const { keyring } = store;
  if (keyring.isSealed(item.value)) return keyring.open(item.value, contextOf(item.name));
  const value = Buffer.from(item.value, "base64");
  try {
    await store.setValue(item.name, await keyring.seal(value, contextOf(item.name)), item.value);
  } catch (error) {
    // Sealed (or replaced) by another instance meanwhile: the value read is still the key.
    if (!isConditionalCheckFailure(error)) throw error;
  }
  return value;
}
