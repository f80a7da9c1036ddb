import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The admin site validates forms with the API's own zod schemas, imported as
 * `@sprida/core/schemas/<domain>/<name>` (a `*.schema.ts` file). Those files, and everything
 * they import, must be safe in a browser: no Node built-ins, no AWS SDK, no ElectroDB, no
 * runtime. This walks the import graph from every such import in the web app.
 */

const ROOT = join(import.meta.dirname, "../..");
const WEB = join(ROOT, "packages/web/src");
const CORE = join(ROOT, "packages/core/src");
const SERVER_ONLY = [/^node:/, /^@aws-sdk\//, /^@aws-lambda-powertools\//, /^electrodb$/];

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && name !== "api-types.ts" ? [path] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/^(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)]
    .filter(([statement]) => !/^(?:import|export)\s+type\s/.test(statement ?? ""))
    .map(([, specifier]) => specifier as string);

function resolveRelative(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [`${base}.ts`, join(base, "index.ts")]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${from}: cannot resolve ${specifier}`);
}

function graphProblems(entry: string): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith(".")) visit(resolveRelative(file, specifier));
      else if (
        SERVER_ONLY.some((pattern) => pattern.test(specifier)) ||
        specifier.includes("runtime")
      )
        problems.push(`${file.replace(ROOT, "")} imports ${specifier}`);
    }
  };
  visit(entry);
  return problems;
}

const schemaImports = () =>
  new Set(
    sources(WEB).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => specifier.startsWith("@sprida/core/schemas/"))
        .map((specifier) => specifier.slice("@sprida/core/schemas/".length)),
    ),
  );

describe("the schemas the admin site shares with the API", () => {
  it("are imported by the web app", () => {
    expect(schemaImports().size).toBeGreaterThan(0);
  });

  it("import nothing that only runs on a server", () => {
    const problems = [...schemaImports()].flatMap((name) =>
      graphProblems(join(CORE, `${name}.schema.ts`)),
    );
    expect(problems).toEqual([]);
  });
});
