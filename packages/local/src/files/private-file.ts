import { randomUUID } from "node:crypto";
import { chmod, link, stat, unlink, writeFile } from "node:fs/promises";

/**
 * Creates the file with `content` unless it exists, then makes sure only its owner can read
 * it (a copy restored with looser permissions is tightened, not refused). The content is
 * written whole under another name and linked into place: two starts on the same folder at
 * once agree on one file, and neither ever reads a half-written one. True when this call
 * created it.
 */
export async function ensurePrivateFile(path: string, content: string | Buffer): Promise<boolean> {
  let created = true;
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, content, { mode: 0o600, flag: "wx" });
  try {
    await link(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    created = false;
  } finally {
    await unlink(temporary);
  }
  if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, 0o600);
  return created;
}
