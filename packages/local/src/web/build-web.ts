import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The web app's package (packages/web): its sources and its build. */
export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../web");
const builtEntry = path.join(WEB_ROOT, "dist", "index.html");
const SOURCES = ["src", "public", "index.html", "vite.config.ts", "package.json"];

/** Whether `packages/web/dist` is missing or older than any of its sources. */
export function webBuildIsStale(): boolean {
  return !existsSync(builtEntry) || statSync(builtEntry).mtimeMs < newestSourceTime();
}

/**
 * Builds the web app with Vite when its build is missing or older than its sources, so
 * what serves or reads packages/web/dist (npm start, the browser tests, the infra synth)
 * has the current app. Answers whether it built.
 */
export async function ensureWebBuilt(): Promise<boolean> {
  if (!webBuildIsStale()) return false;
  try {
    // Production whatever the caller runs as (vitest sets NODE_ENV=test: React's development
    // build would be served, several times larger and slower).
    await run("npx", ["vite", "build", "--mode", "production", "--logLevel", "error"], {
      cwd: WEB_ROOT,
      env: { ...process.env, NODE_ENV: "production" },
    });
  } catch (error) {
    const output = (error as { stderr?: string; stdout?: string }).stderr ?? "";
    throw new Error(`The web app (packages/web) does not build:\n${output}`, { cause: error });
  }
  return true;
}

function newestSourceTime(): number {
  return Math.max(0, ...SOURCES.map((source) => newestTime(path.join(WEB_ROOT, source))));
}

function newestTime(file: string): number {
  if (!existsSync(file)) return 0;
  const stats = statSync(file);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(
    stats.mtimeMs,
    ...readdirSync(file).map((entry) => newestTime(path.join(file, entry))),
  );
}
