import { chmod, mkdir, mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DYNAMODB_CREDENTIALS_FILE, installationCredentials } from "./local-credentials";

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;
const freshDataDir = async () =>
  join(await mkdtemp(join(tmpdir(), "sprida-credentials-")), ".sprida");

describe("installationCredentials", () => {
  it("makes a random key of letters and digits on first start, readable by its owner only", async () => {
    const dataDir = await freshDataDir();

    const { credentials, created } = await installationCredentials(dataDir);

    expect(created).toBe(true);
    expect(credentials.accessKeyId).toMatch(/^[0-9a-f]{40}$/);
    expect(credentials.secretAccessKey.length).toBeGreaterThanOrEqual(40);
    expect(await modeOf(dataDir)).toBe(0o700);
    expect(await modeOf(join(dataDir, DYNAMODB_CREDENTIALS_FILE))).toBe(0o600);
  });

  it("keeps the key across starts, and another installation gets another key", async () => {
    const dataDir = await freshDataDir();
    const first = await installationCredentials(dataDir);

    const again = await installationCredentials(dataDir);
    const elsewhere = await installationCredentials(await freshDataDir());

    expect(again).toEqual({ credentials: first.credentials, created: false });
    expect(elsewhere.credentials.accessKeyId).not.toBe(first.credentials.accessKeyId);
  });

  it("agrees on one key when several starts race on a new data folder", async () => {
    const dataDir = await freshDataDir();

    const results = await Promise.all(
      Array.from({ length: 8 }, () => installationCredentials(dataDir)),
    );

    expect(new Set(results.map((result) => result.credentials.accessKeyId)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
  });

  it("tightens a key file restored with looser permissions", async () => {
    const dataDir = await freshDataDir();
    const { credentials } = await installationCredentials(dataDir);
    const path = join(dataDir, DYNAMODB_CREDENTIALS_FILE);
    await chmod(path, 0o644);

    expect((await installationCredentials(dataDir)).credentials).toEqual(credentials);
    expect(await modeOf(path)).toBe(0o600);
  });

  it("closes a data folder an earlier Sprida made readable by all, but not a shared one like /tmp", async () => {
    const earlier = await freshDataDir();
    await mkdir(earlier, { mode: 0o755 });
    await chmod(earlier, 0o755);
    const shared = await freshDataDir();
    await mkdir(shared);
    await chmod(shared, 0o1777);

    await installationCredentials(earlier);
    await installationCredentials(shared);

    expect(await modeOf(earlier)).toBe(0o700);
    expect((await stat(shared)).mode & 0o7777).toBe(0o1777);
  });

  it("refuses a guessable key written by hand, naming the file", async () => {
    const dataDir = await freshDataDir();
    await installationCredentials(dataDir);
    const path = join(dataDir, DYNAMODB_CREDENTIALS_FILE);
    await writeFile(path, JSON.stringify({ accessKeyId: "local", secretAccessKey: "local" }));

    await expect(installationCredentials(dataDir)).rejects.toThrow(path);
    expect(JSON.parse(await readFile(path, "utf8")).accessKeyId).toBe("local");
  });
});
