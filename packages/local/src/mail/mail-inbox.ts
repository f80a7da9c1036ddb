import type { Server } from "node:http";
import { createRequire } from "node:module";

// A CommonJS package whose default export ESM loaders disagree about: require it plainly.
const startSesEmulator: (config: { host: string; port: number }) => Promise<Server> = createRequire(
  import.meta.url,
)("aws-ses-v2-local").default;

export interface MailInbox {
  /** Where the SES client sends (the SES v2 API). */
  endpoint: string;
  /** Where a person reads what was sent. */
  inboxUrl: string;
  healthy(): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * The SES v2 API emulator `aws-ses-v2-local`, in this process. Mail is kept in memory:
 * it is a development inbox, not a mail store.
 */
export async function startMailInbox(options: { host: string; port: number }): Promise<MailInbox> {
  const server: Server = await startSesEmulator({ host: options.host, port: options.port });
  const endpoint = `http://${options.host}:${options.port}`;
  return {
    endpoint,
    inboxUrl: `http://localhost:${options.port}/`,
    async healthy() {
      try {
        return (await fetch(`${endpoint}/store?since=0`, { signal: AbortSignal.timeout(2000) })).ok;
      } catch {
        return false;
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
