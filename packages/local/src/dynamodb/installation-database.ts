import { join } from "node:path";
import { privateFolder } from "../files";
import { installationCredentials, type LocalDynamoDbCredentials } from "./local-credentials";
import { adoptSharedDatabase } from "./shared-database-migration";

export interface InstallationDatabase {
  /** DynamoDB Local's -dbPath: `<data folder>/dynamodb`. */
  dbPath: string;
  credentials: LocalDynamoDbCredentials;
  /** The key was made just now (first start on this data folder). */
  createdCredentials: boolean;
  /** The shared database of earlier starts now belongs to the key. */
  migrated: boolean;
}

/** Everything DynamoDB Local needs from a data folder before it starts: its folder and its key. */
export async function prepareInstallationDatabase(dataDir: string): Promise<InstallationDatabase> {
  const { credentials, created } = await installationCredentials(dataDir);
  const dbPath = join(dataDir, "dynamodb");
  await privateFolder(dbPath);
  const { migrated } = await adoptSharedDatabase(dbPath, credentials);
  return { dbPath, credentials, createdCredentials: created, migrated };
}
