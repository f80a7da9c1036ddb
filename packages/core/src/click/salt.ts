import { randomBytes } from "node:crypto";
import { isConditionalCheckFailure } from "../error";
import { Keyring } from "../keyring";
import { Runtime } from "../runtime";
import { SALT_GROUP, visitorSaltEntity } from "./visitor-salt.entity";

const SALT_HOURS = 48;
/** Only a backstop for the purge job: DynamoDB's TTL deletes late, or (locally) never. */
const EXPIRY_SECONDS = 3 * 24 * 60 * 60;

/**
 * Salts are per organisation, so visitor hashes cannot be joined across organisations: the
 * same person clicking two organisations' links is two unrelated visitors. Each salt is
 * random, never derived from another key, so once the purge job has deleted it nothing can
 * recreate it, and a stored hash can no longer be tested against a guessed address.
 *
 * The table holds each salt sealed (Keyring), bound to its organisation and day. In memory:
 * the current day's salt of each organisation (a new day replaces it).
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

async function readOrCreate(orgId: string, day: string): Promise<Buffer> {
  const entity = visitorSaltEntity();
  const key = { group: SALT_GROUP, day, orgId };
  const context = `visitor-salt:${orgId}:${day}`;
  const read = async () => (await entity.get(key).go({ consistent: true })).data;
  // A new process's first click: the data key loads while the salt is read, not after.
  Keyring.preload();
  const existing = await read();
  if (existing) return reveal(existing.value, context);
  const now = Runtime.use().now();
  const salt = randomBytes(32);
  try {
    await entity
      .create({
        ...key,
        value: await Keyring.seal(salt, context),
        createdAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + EXPIRY_SECONDS,
      })
      .go({ response: "none" });
    return salt;
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    const winner = await read();
    if (!winner) throw error;
    return reveal(winner.value, context);
  }
}

/**
 * A salt written before salts were sealed (base64) is used as it is, not sealed again: salts
 * are never rewritten, and the purge job deletes it within 48 hours.
 */
function reveal(stored: string, context: string): Promise<Buffer> {
  return Keyring.isSealed(stored)
    ? Keyring.open(stored, context)
    : Promise.resolve(Buffer.from(stored, "base64"));
}

/**
 * Deletes every salt made more than 48 hours before `now`. A salt serves one local day
 * (at most 25 hours), so none in use is touched. Days sort as text, so the query reads
 * only days that can hold such a salt: a day's salt is made at or after that day began
 * somewhere (UTC+14 at the earliest), so it is older than 48 h only if its day is at most
 * the UTC date of now − 34 h, that is, before the UTC date of now − 10 h.
 */
export async function purgeSalts({ now }: { now: Date }): Promise<{ deleted: number }> {
  const entity = visitorSaltEntity();
  const cutoff = new Date(now.getTime() - SALT_HOURS * 60 * 60 * 1000).toISOString();
  const firstDayKept = new Date(now.getTime() - (SALT_HOURS - 14 - 24) * 60 * 60 * 1000)
    .toISOString()
    .slice(0, 10);
  const { data } = await entity.query
    .byDay({ group: SALT_GROUP })
    .lt({ day: firstDayKept })
    .go({ pages: "all" });
  const old = data.filter((salt) => salt.createdAt < cutoff);
  for (const salt of old) {
    await entity.delete({ group: SALT_GROUP, day: salt.day, orgId: salt.orgId }).go();
  }
  for (const [orgId, cached] of current()) {
    if (old.some((salt) => salt.orgId === orgId && salt.day === cached.day)) {
      current().delete(orgId);
    }
  }
  return { deleted: old.length };
}
