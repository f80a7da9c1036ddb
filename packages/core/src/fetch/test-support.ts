import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A real local HTTP server for tests of the fetcher and its readers (not a test file itself). */
export interface TestServer {
  /** "http://127.0.0.1:<port>" (or "http://[::1]:<port>"). */
  origin: string;
  /** The exact "host:port" entry that allowlists this server. */
  hostPort: string;
  /** Every request it received, in order. */
  requests: { path: string; headers: IncomingMessage["headers"] }[];
  close(): Promise<void>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export async function startServer(handler: Handler, host = "127.0.0.1"): Promise<TestServer> {
  const requests: TestServer["requests"] = [];
  const server = createServer((request, response) => {
    requests.push({ path: request.url ?? "", headers: request.headers });
    handler(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hostname = host.includes(":") ? `[${host}]` : host;
  return {
    origin: `http://${hostname}:${port}`,
    hostPort: `${hostname}:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers every request with one fixed response. */
export function answer(
  status: number,
  headers: Record<string, string>,
  body: string | Buffer = "",
): Handler {
  return (_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };
}
