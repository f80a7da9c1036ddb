import { chmod, mkdir, stat } from "node:fs/promises";

/**
 * Makes the folder, or tightens it, to owner-only: an earlier Sprida made the data folder with
 * the default mode, and Java writes database files readable by all. A sticky folder (like /tmp)
 * is shared by design and a folder of another user is not ours: both are left as they are.
 */
export async function privateFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
  const { mode, uid } = await stat(path);
  const loose = (mode & 0o077) !== 0;
  const shared = (mode & 0o1000) !== 0;
  if (loose && !shared && uid === process.getuid?.()) await chmod(path, 0o700);
}
