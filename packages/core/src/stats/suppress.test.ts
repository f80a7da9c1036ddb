import { describe, expect, it } from "vitest";
import { type Group, suppress } from "./suppress";

const people = (prefix: string, count: number) =>
  new Set(Array.from({ length: count }, (_, index) => `${prefix}${index}`));
const group = (key: string, count: number): Group => ({ key, people: people(key, count) });

/**
 * Everything derivable from what is shown: the shown rows, the "other" row if any, and the
 * total (the sum of every group and the remainder). Returns the people of each derivable
 * combination the attacker can isolate: total − shown − other, and the other row itself.
 */
function isolated(groups: Group[], remainder: Set<string>) {
  const { shown, other } = suppress(groups, remainder);
  const hidden = groups.filter((g) => !shown.has(g.key));
  const hiddenPeople = new Set(hidden.flatMap((g) => [...g.people]));
  const unshown = new Set([...hiddenPeople, ...remainder]);
  return {
    shown: [...shown].sort(),
    other,
    derivable: other ? [hiddenPeople.size, remainder.size] : [unshown.size],
  };
}

const safe = (size: number) => size === 0 || size >= 5;

describe("complementary suppression", () => {
  it("hides the next smallest group too when one member alone in an office would be total − the rest", () => {
    const result = isolated([group("office:Stockholm", 6), group("office:Lund", 1)], new Set());
    expect(result.shown).toEqual([]);
    expect(result.other).toBe(true);
    expect(result.derivable.every(safe)).toBe(true);
  });

  it("hides the smallest shown group, not the largest, to protect one member", () => {
    const result = isolated([group("a", 20), group("b", 6), group("c", 1)], new Set());
    expect(result.shown).toEqual(["a"]);
    expect(result.derivable).toEqual([7, 0]);
  });

  it("lets two small groups that together reach five protect each other, summed into 'other'", () => {
    const result = isolated([group("big", 8), group("x", 2), group("y", 3)], new Set());
    expect(result.shown).toEqual(["big"]);
    expect(result.other).toBe(true);
    expect(result.derivable).toEqual([5, 0]);
  });

  it("hides more when two small groups together are still fewer than five", () => {
    const result = isolated(
      [group("big", 8), group("mid", 5), group("x", 1), group("y", 2)],
      new Set(),
    );
    expect(result.shown).toEqual(["big"]);
    expect(result.derivable.every(safe)).toBe(true);
  });

  it("protects a remainder the total would isolate, even when no group is small", () => {
    // One member without an office: total − Stockholm − Malmö would be that member.
    const result = isolated([group("stockholm", 6), group("malmo", 7)], people("none", 1));
    expect(result.shown).toEqual(["malmo"]);
    expect(
      result.other,
      "an 'other' row would leave the lone member as total − shown − other",
    ).toBe(false);
    expect(result.derivable).toEqual([7]);
  });

  it("keeps 'other' out when it would single out a small remainder", () => {
    const result = isolated([group("big", 9), group("x", 3), group("y", 3)], people("none", 2));
    expect(result.shown).toEqual(["big"]);
    expect(result.other).toBe(false);
    expect(result.derivable).toEqual([8]);
  });

  it("counts a person once when their activity is in several hidden rows", () => {
    // Per-content rows: one sharer behind two items is still one person.
    const alice = new Set(["alice"]);
    const result = isolated(
      [{ key: "news", people: alice }, { key: "blog", people: alice }, group("launch", 5)],
      new Set(),
    );
    expect(result.shown).toEqual([]);
    expect(result.derivable).toEqual([6, 0]);
  });

  it("shows nothing when even every group together is fewer than five people", () => {
    const result = isolated([group("a", 2), group("b", 2)], new Set());
    expect(result).toMatchObject({ shown: [], other: false });
  });

  it("shows every group of five or more when nothing is small and nobody is left over", () => {
    expect(isolated([group("a", 5), group("b", 9)], new Set())).toMatchObject({
      shown: ["a", "b"],
      other: false,
    });
  });
});
