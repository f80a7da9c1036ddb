import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

/** One line on purpose: the start command prints it as-is, and a test asserts it exactly. */
export const JAVA_MISSING_MESSAGE =
  "Java 17 is required for DynamoDB Local. Install it with: apt-get install -y openjdk-17-jre-headless";

export class JavaMissingError extends Error {
  constructor() {
    super(JAVA_MISSING_MESSAGE);
    this.name = "JavaMissingError";
  }
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Finds the java binary before anything is spawned, so a missing Java is a clear
 * message instead of an ENOENT from a shell. SPRIDA_JAVA overrides the lookup
 * (and is not second-guessed: if it points nowhere, Java is missing).
 */
export function resolveJavaBinary(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.SPRIDA_JAVA;
  if (override !== undefined && override !== "") {
    if (isExecutableFile(override)) return override;
    throw new JavaMissingError();
  }
  const candidates: string[] = [];
  if (env.JAVA_HOME) candidates.push(join(env.JAVA_HOME, "bin", "java"));
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir) candidates.push(join(dir, "java"));
  }
  const found = candidates.find(isExecutableFile);
  if (found === undefined) throw new JavaMissingError();
  return found;
}
