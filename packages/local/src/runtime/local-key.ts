import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ensurePrivateFile, privateFolder } from "../files";

/** The key file's name in the data folder (`.sprida/` for `npm start`). */
export const LOCAL_KEY_FILE = "keyring.key";
const KEY_BYTES = 32;

/**
 * The 32 random bytes that wrap the local table's data key (what AWS KMS does on AWS), made
 * on first start and readable by their owner only. They sit beside DynamoDB Local's files but
 * outside the table, so a copy of the table, or a stranger reading it over the network, gets
 * sealed values only. Losing this file loses what the table seals (webhook secrets, keys,
 * salts): the data folder goes as a whole.
 */
export async function localKey(dataDir: string): Promise<Buffer> {
  await privateFolder(dataDir);
  const path = join(dataDir, LOCAL_KEY_FILE);
  await ensurePrivateFile(path, randomBytes(KEY_BYTES));
  const key = await readFile(path);
  if (key.length !== KEY_BYTES) {
    throw new Error(`${path} must hold exactly ${KEY_BYTES} bytes; it holds ${key.length}`);
  }
  return key;
}
