// Runs before `npm start`, `npm test` and `npm run bench` (their "pre" scripts): installs the
// locked dependencies when they are missing or older than package-lock.json, so a fresh clone
// needs only the command itself. Plain Node, no dependencies: it runs before any exist.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const installed = "node_modules/.package-lock.json";
const fresh =
  existsSync(installed) && statSync(installed).mtimeMs >= statSync("package-lock.json").mtimeMs;
if (!fresh) {
  process.stderr.write(
    existsSync(installed)
      ? "package-lock.json changed: installing the locked dependencies (npm ci)…\n"
      : "First run: installing the locked dependencies (npm ci, about a minute)…\n",
  );
  const started = Date.now();
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (result.status !== 0) {
    process.stderr.write("npm ci failed; see above.\n");
    process.exit(result.status ?? 1);
  }
  process.stderr.write(
    `Dependencies installed in ${((Date.now() - started) / 1000).toFixed(0)} s.\n`,
  );
}
