import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { ensurePrivateFile, privateFolder } from "../files";

/** DynamoDB Local keeps one database per access key id and region: every local client uses this one. */
export const LOCAL_DYNAMODB_REGION = "eu-north-1";

/** The file in the data folder (`.sprida/` for `npm start`) that holds the installation's key. */
export const DYNAMODB_CREDENTIALS_FILE = "dynamodb-credentials.json";

export const LocalDynamoDbCredentials = z.object({
  // DynamoDB Local (2.0 and later) refuses anything but letters and digits; a short key is guessable.
  accessKeyId: z.string().regex(/^[A-Za-z0-9]{16,128}$/),
  secretAccessKey: z.string().min(1),
});
export type LocalDynamoDbCredentials = z.infer<typeof LocalDynamoDbCredentials>;

/**
 * The installation's own key for DynamoDB Local, made on first start and readable by its owner
 * only. DynamoDB Local listens on every interface and cannot be told otherwise, but without
 * -sharedDb it answers each access key id from a database of its own: a request from elsewhere
 * with any other key sees an empty database. DynamoDB Local checks neither the secret nor the
 * signature, so the access key id itself is the secret here: never print or log it.
 */
export async function installationCredentials(
  dataDir: string,
): Promise<{ credentials: LocalDynamoDbCredentials; created: boolean }> {
  await privateFolder(dataDir);
  const path = join(dataDir, DYNAMODB_CREDENTIALS_FILE);
  const created = await ensurePrivateFile(
    path,
    `${JSON.stringify(randomCredentials(), null, 2)}\n`,
  );
  return { credentials: await readCredentials(path), created };
}

async function readCredentials(path: string): Promise<LocalDynamoDbCredentials> {
  const text = await readFile(path, "utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the text, which is the key.
    throw new Error(
      `${path} is not JSON. Restore it: the database in dynamodb/ is named after its accessKeyId.`,
    );
  }
  const parsed = LocalDynamoDbCredentials.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${path} is not a valid DynamoDB Local key:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

function randomCredentials(): LocalDynamoDbCredentials {
  return {
    // 160 random bits in hex: letters and digits only, as DynamoDB Local requires.
    accessKeyId: randomBytes(20).toString("hex"),
    // Never checked by DynamoDB Local; random all the same, so nothing here looks like a default.
    secretAccessKey: randomBytes(30).toString("base64url"),
  };
}
