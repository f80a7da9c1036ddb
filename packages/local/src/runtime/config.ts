import { resolve } from "node:path";
import { z } from "zod";
import { repositoryRoot } from "./handlers";

const Port = z.coerce.number().int().min(1).max(65535);
/** "a, b,,c" → ["a", "b", "c"]; unset is an empty list. */
const commaList = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ""),
  );

/** Every setting of the local runtime, from the environment, with the defaults `npm start` uses. */
export const LocalConfig = z.object({
  SPRIDA_PORT: Port.default(4000),
  SPRIDA_DYNAMODB_PORT: Port.default(4001),
  SPRIDA_MAIL_PORT: Port.default(4002),
  SPRIDA_HOST: z.string().default("127.0.0.1"),
  SPRIDA_DATA_DIR: z.string().default(resolve(repositoryRoot, ".sprida")),
  SPRIDA_TABLE_NAME: z.string().default("sprida-local"),
  /** Where links in e-mails point; locally the server itself. */
  SPRIDA_PUBLIC_ORIGIN: z.url().optional(),
  /** Other https origins this deployment serves, among which an organisation may choose. */
  SPRIDA_ALTERNATE_ORIGINS: commaList.pipe(z.array(z.url({ protocol: /^https$/ }))),
  SPRIDA_MAIL_FROM: z.email().default("sprida@localhost.localdomain"),
  /** The weekly sender's pace, as SES's sending quota would set it on AWS. */
  SPRIDA_MAIL_PER_SECOND: z.coerce.number().positive().max(1_000).default(14),
  /**
   * host:port pairs the safe fetcher may reach although they are local (a webhook receiver
   * or an RSS feed on this machine), comma-separated, e.g. "127.0.0.1:9000". Local only.
   */
  SPRIDA_FETCH_ALLOWLIST: commaList.pipe(
    z.array(z.string().regex(/^[^\s:/]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/, "host:port")),
  ),
});
export type LocalConfig = z.infer<typeof LocalConfig>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  // PORT, which most Node tools honour, when SPRIDA_PORT is not set.
  const parsed = LocalConfig.safeParse({ ...env, SPRIDA_PORT: env.SPRIDA_PORT ?? env.PORT });
  if (!parsed.success)
    throw new Error(`Invalid local configuration:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function publicOrigin(config: LocalConfig): string {
  return config.SPRIDA_PUBLIC_ORIGIN ?? `http://localhost:${config.SPRIDA_PORT}`;
}
