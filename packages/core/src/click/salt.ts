import { randomBytes } from "node:crypto";
import { isConditionalCheckFailure } from "../error";
import { leanKeyring } from "../keyring/data-key.lean";
import { Runtime } from "../runtime";
import { createSalt, readSalt } from "./visitor-salt.lean";

/** Only a backstop for the purge job: DynamoDB's TTL deletes late, or (locally) never. */
const EXPIRY_SECONDS = 3 * 24 * 60 * 60;

/**
 * Salts are per organisation, so visitor hashes cannot be joined across organisations: the
 * same person clicking two organisations' links is two unrelated visitors. Each salt is
 * random, never derived from another key, so once the purge job has deleted it nothing can
 * recreate it, and a stored hash can no longer be tested against a guessed address.
 *
 * The table holds each salt sealed (Keyring), bound to its organisation and day. In memory:
 * the current day's salt of each organisation (a new day replaces it). The click path is the
 * only reader and writer, through the lean store (./visitor-salt.lean.ts), so the redirect's
 * bundle carries no ElectroDB; the purge job (./salt-purge.ts) goes through the entity.
 */
const current = Runtime.perRuntime(() => new Map<string, { day: string; salt: Promise<Buffer> }>());
const MAX_CACHED = 10_000;

/** The organisation's salt for its local `day`; the first writer wins, so all agree. */
export function saltFor(orgId: string, day: string): Promise<Buffer> {
  const cache = current();
  const found = cache.get(orgId);
  if (found?.day === day) return found.salt;
  const salt = readOrCreate(orgId, day);
  cache.delete(orgId);
  cache.set(orgId, { day, salt });
  salt.catch(() => {
    if (cache.get(orgId)?.salt === salt) cache.delete(orgId);
  });
  if (cache.size > MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return salt;
}

/** Forgets the salts this process holds of these (organisation, day) pairs: they were deleted. */
export function forgetSalts(deleted: readonly { orgId: string; day: string }[]): void {
  for (const [orgId, cached] of current()) {
    if (deleted.some((salt) => salt.orgId === orgId && salt.day === cached.day)) {
      current().delete(orgId);
    }
  }
}

async function readOrCreate(orgId: string, day: string): Promise<Buffer> {
  const context = `visitor-salt:${orgId}:${day}`;
  // A new process's first click: the data key loads while the salt is read, not after.
  leanKeyring.preload();
  const existing = await readSalt(orgId, day);
  if (existing) return reveal(existing.value, context);
  const now = Runtime.use().now();
  const salt = randomBytes(32);
  try {
    await createSalt({
      orgId,
      day,
      value: await leanKeyring.seal(salt, context),
      createdAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + EXPIRY_SECONDS,
    });
    return salt;
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    const winner = await readSalt(orgId, day);
    if (!winner) throw error;
    return reveal(winner.value, context);
  }
}

/**
 * A salt written before salts were sealed (base64) is used as it is, not sealed again: salts
 * are never rewritten, and the purge job deletes it within 48 hours.
 */
function reveal(stored: string, context: string): Promise<Buffer> {
  return leanKeyring.isSealed(stored)
    ? leanKeyring.open(stored, context)
    : Promise.resolve(Buffer.from(stored, "base64"));
}
