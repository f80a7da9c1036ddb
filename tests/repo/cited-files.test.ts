import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * A comment or a page that points to a file sends the reader there: every file a comment in
 * TypeScript, or a Markdown page, names must be in the repository (or be one of the files the
 * local runtime writes at run time, listed here).
 */

const ROOT = join(import.meta.dirname, "../..");
/**
 * Written at run time, never committed: by the local runtime, and by the operator's
 * `npm run waf-template` (docs/deploy.md).
 */
const RUNTIME_FILES = [/^\.sprida\//, /^dynamodb-credentials\.json$/, /^waf\.json$/];
/** Where a bare file name is looked for, besides beside the citing file. */
const BASES = [
  "",
  "packages/core/src/",
  "packages/functions/src/",
  "packages/local/src/",
  "tests/",
];
const CITED = /(?<![\w@/.:-])((?:\.{1,2}\/)*(?:[\w.-]+\/)*[\w-]+\.(?:ts|md|json))\b/g;

const tracked = execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" })
  .split("\n")
  .filter(Boolean);
const known = new Set(tracked);

function commentsOf(path: string, text: string): string {
  if (path.endsWith(".md")) return text;
  return (text.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g) ?? []).join("\n");
}

function exists(citedBy: string, cited: string): boolean {
  if (RUNTIME_FILES.some((pattern) => pattern.test(cited))) return true;
  const candidates = [
    normalize(join(dirname(citedBy), cited)),
    ...BASES.map((base) => normalize(base + cited)),
  ];
  if (candidates.some((candidate) => known.has(candidate))) return true;
  // "see links.ts" from elsewhere: some tracked file of that path (suffix) exists.
  return tracked.some((path) => path.endsWith(`/${cited}`));
}

describe("files cited in comments and docs", () => {
  it("are all in the repository", () => {
    const missing: string[] = [];
    for (const path of tracked.filter((p) => /\.(ts|md)$/.test(p))) {
      const text = commentsOf(path, readFileSync(join(ROOT, path), "utf8"));
      for (const [, cited] of text.matchAll(CITED)) {
        if (cited && !exists(path, cited)) missing.push(`${path} cites ${cited}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
