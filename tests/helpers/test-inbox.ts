import type { Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { SESv2Client } from "@aws-sdk/client-sesv2";

/** For tests only: the SES v2 emulator in this process, on a free port, and what it holds. */
const startSesEmulator: (config: { host: string; port: number }) => Promise<Server> = createRequire(
  import.meta.url,
)("aws-ses-v2-local").default;

export interface StoredMail {
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  /** Extra headers the sender set (List-Unsubscribe). */
  headers?: { name: string; value: string }[];
}

export interface TestInbox {
  /** An SES client that sends to the emulator. */
  client: SESv2Client;
  /** The emulator's address, for clients of a test's own. */
  endpoint: string;
  /** Everything sent to `address` so far, oldest first. */
  mailTo(address: string): Promise<StoredMail[]>;
  stop(): Promise<void>;
}

export async function startTestInbox(): Promise<TestInbox> {
  const server = await startSesEmulator({ host: "127.0.0.1", port: 0 });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new SESv2Client({
    endpoint,
    region: "eu-north-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  return {
    client,
    endpoint,
    async mailTo(address) {
      const response = await fetch(`${endpoint}/store`);
      const store = (await response.json()) as { emails: StoredMail[] };
      return store.emails.filter((mail) => mail.destination.to.includes(address));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        client.destroy();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
