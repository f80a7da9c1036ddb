import * as Runtime from "./runtime";

export interface CacheOptions<V> {
  /** How long a value is served before it is read again (by the runtime's clock). */
  ttlMs: (value: V) => number;
  /** Oldest entries go first beyond this, so a flood of distinct keys cannot grow memory. */
  maxEntries: number;
}

/**
 * A small in-memory read-through cache, one per runtime. Concurrent misses of one key share
 * one load; a failed load is forgotten at once, so the next request tries again.
 */
export function readThrough<V>(options: CacheOptions<V>) {
  const entries = Runtime.perRuntime(
    () => new Map<string, { value: Promise<V>; expiresAt: number }>(),
  );
  return (key: string, load: () => Promise<V>): Promise<V> => {
    const map = entries();
    const now = Runtime.use().now().getTime();
    const found = map.get(key);
    if (found && found.expiresAt > now) return found.value;
    map.delete(key);
    const entry = { value: load(), expiresAt: Number.POSITIVE_INFINITY };
    map.set(key, entry);
    entry.value.then(
      (value) => {
        entry.expiresAt = now + options.ttlMs(value);
      },
      () => {
        if (map.get(key) === entry) map.delete(key);
      },
    );
    while (map.size > options.maxEntries) {
      const oldest = map.keys().next().value;
      if (oldest === undefined) break;
      map.delete(oldest);
    }
    return entry.value;
  };
}
