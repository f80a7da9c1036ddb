import { access, rename } from "node:fs/promises";
import { join } from "node:path";
import { LOCAL_DYNAMODB_REGION, type LocalDynamoDbCredentials } from "./local-credentials";

/** What DynamoDB Local writes with -sharedDb, which `npm start` passed until the data had a key. */
export const SHARED_DATABASE_FILE = "shared-local-instance.db";

/** SQLite's companions of a database file; a hot journal must move with its database. */
const SIDE_FILE_SUFFIXES = ["-journal", "-wal", "-shm"];

/** Without -sharedDb, DynamoDB Local 3.3.0 keeps each key's data in `<accessKeyId>_<region>.db`. */
export function databaseFileOf(credentials: LocalDynamoDbCredentials): string {
  return `${credentials.accessKeyId}_${LOCAL_DYNAMODB_REGION}.db`;
}

/**
 * Gives the data of earlier starts (one shared database) to the installation's key, so it does
 * not look lost. Runs before DynamoDB Local starts, on every start: it only acts while the shared
 * file exists and the key has no database yet, so a start that crashed half-way finishes the
 * move next time, and a later shared file (from an older Sprida) never overwrites the key's data.
 * Table and stream ARNs do not name the key, so saved stream positions stay valid.
 */
export async function adoptSharedDatabase(
  dbPath: string,
  credentials: LocalDynamoDbCredentials,
): Promise<{ migrated: boolean }> {
  const from = join(dbPath, SHARED_DATABASE_FILE);
  const to = join(dbPath, databaseFileOf(credentials));
  if (!(await exists(from)) || (await exists(to))) return { migrated: false };
  for (const suffix of SIDE_FILE_SUFFIXES) {
    if (await exists(from + suffix)) await rename(from + suffix, to + suffix);
  }
  // Last, because the main file's name is what decides whether the move is still to do.
  await rename(from, to);
  return { migrated: true };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
