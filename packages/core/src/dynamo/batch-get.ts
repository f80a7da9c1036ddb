/**
 * Every item of a BatchGet, however many keys DynamoDB leaves unprocessed (it may under
 * throttling): those are asked for again, a bounded number of times.
 */
export async function getAll<Key, Item>(
  keys: Key[],
  get: (keys: Key[]) => Promise<{ data: Item[]; unprocessed: unknown[] }>,
): Promise<Item[]> {
  const found: Item[] = [];
  let pending = keys;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 10) throw new Error("BatchGetItem kept leaving keys unprocessed");
    const { data, unprocessed } = await get(pending);
    found.push(...data);
    pending = unprocessed as Key[];
  }
  return found;
}

/** Keys once each (a BatchGet rejects a key asked for twice). */
export const uniqueKeys = <Key>(keys: Key[], idOf: (key: Key) => string): Key[] => [
  ...new Map(keys.map((key) => [idOf(key), key])).values(),
];
