import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

/**
 * A domain is used through its index only (Biome's noRestrictedImports in biome.json), so an
 * import cycle between domains runs through whole indexes: a module may then be evaluated
 * before one it uses at its top level (a zod schema extended, an entity built), and fail only
 * for some entry points. The domains' value imports must form no cycle other than the one
 * named here, and every index must load as the first module of a fresh module graph.
 */

const CORE = join(import.meta.dirname, "../../packages/core/src");
const domains = readdirSync(CORE).filter((name) => existsSync(join(CORE, name, "index.ts")));

/**
 * Content names its campaign (and checks it exists); a campaign lists the content that names
 * it. Neither uses the other at its top level, which the loading test below keeps true.
 */
const ALLOWED_CYCLES = [["campaign", "content"]];

/** The domains a domain's production files import values from (type-only imports vanish). */
function valueImportsOf(domain: string): Set<string> {
  const used = new Set<string>();
  for (const file of readdirSync(join(CORE, domain))) {
    if (!file.endsWith(".ts") || file.endsWith(".test.ts") || file === "test-support.ts") continue;
    const text = readFileSync(join(CORE, domain, file), "utf8");
    for (const [statement, from] of text.matchAll(
      /^(?:import|export) (?!type )[^;]*?from "\.\.\/([a-z-]+)";/gms,
    )) {
      const names = statement.match(/\{([^}]*)\}/)?.[1];
      const onlyTypes =
        names !== undefined &&
        !statement.includes("* as") &&
        names
          .split(",")
          .map((name) => name.trim())
          .filter(Boolean)
          .every((name) => name.startsWith("type "));
      if (!onlyTypes && from !== undefined && from !== domain) used.add(from);
    }
  }
  return used;
}

/** Each strongly connected group of more than one domain, sorted (Tarjan). */
function cyclesOf(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const groups: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (stack.includes(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        group.push(member);
      } while (member !== node);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return groups;
}

describe("the core's domains", () => {
  it("import each other without cycles, but for the one named", () => {
    const graph = new Map(domains.map((domain) => [domain, valueImportsOf(domain)]));
    expect(graph.get("stats")).toContain("tally");
    expect(cyclesOf(graph)).toEqual(ALLOWED_CYCLES);
  });

  it.each(domains)(
    "load %s's index as the first module of a fresh module graph",
    async (domain) => {
      vi.resetModules();
      const loaded = await import(join(CORE, domain, "index.ts"));
      expect(Object.keys(loaded).length).toBeGreaterThan(0);
    },
  );
});
