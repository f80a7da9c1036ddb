import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { adminWords } from "../../packages/web/src/admin/admin-words";
import { en as hubEn } from "../../packages/web/src/i18n/en";
import { sv as hubSv } from "../../packages/web/src/i18n/sv";

// The hub's catalogues, and the admin site's words it adds when it loads (all under `admin.`).
const en = { ...hubEn, ...adminWords.en };
const sv = { ...hubSv, ...adminWords.sv };

/**
 * Every key the web app names exists in both catalogues (a plural key as `_one`/`_other`),
 * and no catalogue entry is empty. The compiler already checks that sv.ts has en.ts's keys;
 * this checks the other direction: that what the code asks for is there.
 */

const SOURCE = join(import.meta.dirname, "../../packages/web/src");
const NAMESPACES = Object.keys(en);

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return files(path);
    // Not the catalogues themselves (nor the admin site's words files), nor the generated API types (event names look like keys).
    return /\.tsx?$/.test(name) &&
      !path.includes("/i18n/") &&
      !name.endsWith(".words.ts") &&
      name !== "api-types.ts"
      ? [path]
      : [];
  });
}

function flatten(catalogue: object, prefix = ""): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") entries.set(path, value);
    else for (const [inner, text] of flatten(value as object, path)) entries.set(inner, text);
  }
  return entries;
}

const keysUsed = () => {
  const pattern = new RegExp(`["\`]((?:${NAMESPACES.join("|")})\\.[a-zA-Z_.]+)["\`]`, "g");
  const used = new Set<string>();
  for (const file of files(SOURCE)) {
    for (const [, key] of readFileSync(file, "utf8").matchAll(pattern)) if (key) used.add(key);
  }
  return used;
};

describe("the web app's words", () => {
  for (const [language, catalogue] of [
    ["en", en],
    ["sv", sv],
  ] as const) {
    const entries = flatten(catalogue);
    it(`has every key the code uses in ${language}`, () => {
      const used = keysUsed();
      expect(used.size).toBeGreaterThan(100);
      const missing = [...used].filter(
        (key) => !entries.has(key) && !(entries.has(`${key}_one`) && entries.has(`${key}_other`)),
      );
      expect(missing).toEqual([]);
    });

    it(`has no empty text in ${language}`, () => {
      expect([...entries].filter(([, text]) => text.trim() === "").map(([key]) => key)).toEqual([]);
    });
  }
});
