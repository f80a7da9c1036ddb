import { randomBytes } from "node:crypto";
import { isConditionalCheckFailure } from "../error/domain-error";
import { Runtime } from "../runtime";
import { secretEntity } from "./secret.entity";

const cache = new Map<string, { value: Buffer; expiresAt: number }>();

/**
 * A random 32-byte key under `name`, made on first use and shared by every instance (the
 * first writer wins a conditional put). It is never derived from another key, so once it
 * expires and is deleted, nothing can recreate it: what it hashed cannot be re-linked.
 */
export async function named(name: string, lifetimeSeconds: number): Promise<Buffer> {
  const nowSeconds = Math.floor(Runtime.use().now().getTime() / 1000);
  const cached = cache.get(name);
  if (cached && cached.expiresAt > nowSeconds) return cached.value;

  const entity = secretEntity();
  let found = (await entity.get({ name }).go({ consistent: true })).data;
  if (!found || found.expiresAt <= nowSeconds) {
    const fresh = {
      name,
      value: randomBytes(32).toString("base64"),
      createdAt: Runtime.use().now().toISOString(),
      expiresAt: nowSeconds + lifetimeSeconds,
    };
    try {
      // Replace only what is missing or expired, so concurrent creators agree on one key.
      await entity
        .put(fresh)
        .where((attributes, op) =>
          found ? op.eq(attributes.expiresAt, found.expiresAt) : op.notExists(attributes.value),
        )
        .go();
      found = fresh;
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      found = (await entity.get({ name }).go({ consistent: true })).data;
      if (!found) throw error;
    }
  }
  const value = Buffer.from(found.value, "base64");
  cache.set(name, { value, expiresAt: found.expiresAt });
  return value;
}

/** Deletes a key for good (the salt-expiry job uses this). */
export async function destroy(name: string): Promise<void> {
  cache.delete(name);
  await secretEntity().delete({ name }).go();
}
