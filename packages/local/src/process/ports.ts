import { createServer } from "node:net";

/** Resolves true when nothing listens on host:port (we could bind it ourselves). */
export function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" || error.code === "EACCES") resolve(false);
      else reject(error);
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the OS just handed out; free at the time of asking, which is good enough for tests. */
export function findFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ port: 0, host }, () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : undefined;
      server.close(() =>
        port === undefined ? reject(new Error("The OS gave no port")) : resolve(port),
      );
    });
  });
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    portVariable: string | undefined,
    what = "DynamoDB Local",
  ) {
    const hint = portVariable ? `Set ${portVariable} to another port.` : "Choose another port.";
    super(`Port ${port} is already in use, so ${what} cannot start there. ${hint}`);
    this.name = "PortInUseError";
  }
}
