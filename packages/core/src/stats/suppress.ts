/** No breakdown shows a group smaller than this (design: "Product principles"). */
export const MIN_GROUP_SIZE = 5;

/** One row a breakdown could show, with the people whose activity it sums. */
export interface Group {
  key: string;
  people: ReadonlySet<string>;
}

export interface Suppression {
  /** The keys of the groups that may be shown on their own. */
  shown: Set<string>;
  /** Whether the hidden groups may be shown summed into one "other" row. */
  other: boolean;
}

const union = (sets: Iterable<ReadonlySet<string>>) => {
  const all = new Set<string>();
  for (const set of sets) for (const person of set) all.add(person);
  return all;
};

/**
 * Complementary suppression of one partition of the organisation's total. The groups are
 * disjoint in activity (each counted event is in at most one of them); the `remainder` are
 * the people whose activity is in the total but in none of the groups. Since the total is
 * always known, total − shown rows = the activity of everything not shown, so:
 *
 * - a group of fewer than `min` people is hidden;
 * - while the people not shown (hidden groups and the remainder together) are 1 to min − 1,
 *   the smallest shown group is hidden too, until they are at least `min` or nothing is left;
 * - the hidden groups may be shown summed into one "other" row only if they cover at least
 *   `min` people and the remainder, which that row would then isolate, is none or `min`.
 */
export function suppress(
  groups: readonly Group[],
  remainder: ReadonlySet<string> = new Set(),
  min = MIN_GROUP_SIZE,
): Suppression {
  const hidden = groups.filter((group) => group.people.size < min);
  const candidates = groups
    .filter((group) => group.people.size >= min)
    .sort((a, b) => a.people.size - b.people.size || a.key.localeCompare(b.key));
  const unshown = union([remainder, ...hidden.map((group) => group.people)]);
  while (unshown.size > 0 && unshown.size < min && candidates.length > 0) {
    const next = candidates.shift() as Group;
    hidden.push(next);
    for (const person of next.people) unshown.add(person);
  }
  const hiddenPeople = union(hidden.map((group) => group.people)).size;
  return {
    shown: new Set(candidates.map((group) => group.key)),
    other:
      hidden.length > 0 && hiddenPeople >= min && (remainder.size === 0 || remainder.size >= min),
  };
}
