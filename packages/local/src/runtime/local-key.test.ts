import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LOCAL_KEY_FILE, localKey } from "./local-key";

const folders: string[] = [];
async function dataFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "sprida-local-key-"));
  folders.push(folder);
  return join(folder, ".sprida");
}
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true })));
});

describe("the local wrapping key", () => {
  it("is made on first start, readable by its owner only, and the same on every start after", async () => {
    const dataDir = await dataFolder();
    const first = await localKey(dataDir);
    expect(first).toHaveLength(32);
    const file = join(dataDir, LOCAL_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file)).toEqual(first);
    expect(await localKey(dataDir)).toEqual(first);
  });

  it("is one key when two systems start on the same folder at once", async () => {
    const dataDir = await dataFolder();
    const keys = await Promise.all(Array.from({ length: 8 }, () => localKey(dataDir)));
    for (const key of keys) expect(key).toEqual(keys[0]);
  });

  it("gets its permissions tightened when a copy was restored readable by others", async () => {
    const dataDir = await dataFolder();
    const key = await localKey(dataDir);
    const file = join(dataDir, LOCAL_KEY_FILE);
    await chmod(file, 0o644);
    expect(await localKey(dataDir)).toEqual(key);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("is refused when the file is not 32 bytes", async () => {
    const dataDir = await dataFolder();
    await localKey(dataDir);
    await writeFile(join(dataDir, LOCAL_KEY_FILE), "too short");
    await expect(localKey(dataDir)).rejects.toThrow(/must hold exactly 32 bytes/);
  });
});
