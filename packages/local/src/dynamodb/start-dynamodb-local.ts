import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { isPortFree, PortInUseError } from "../process/ports";
import { locateDynamoDbLocalJar } from "./jar-location";
import { JavaMissingError, resolveJavaBinary } from "./java-binary";
import { LOCAL_DYNAMODB_REGION, type LocalDynamoDbCredentials } from "./local-credentials";
import { tailLines } from "./output-tail";
import { launchBoundToParent, type ParentBoundProcess } from "./parent-bound-launch";

export interface DynamoDbLocalOptions {
  port: number;
  /**
   * The key of the database this instance is started for (the readiness check reads with it,
   * and would otherwise leave an empty database file of another key behind).
   */
  credentials: LocalDynamoDbCredentials;
  /** Persistent data folder; omitted means -inMemory. */
  dataDir?: string;
  /**
   * Host in the endpoint URL and for the port check. DynamoDB Local itself listens on all
   * interfaces: what keeps other machines out is that each access key id has its own database.
   */
  host?: string;
  /** The env variable that sets the port, named in the "port in use" error. */
  portVariable?: string;
  /** How long to wait for ListTables to answer. */
  readyTimeoutMs?: number;
  /** Extra JVM flags, e.g. FAST_STARTUP_JAVA_OPTIONS for short-lived test instances. */
  javaOptions?: string[];
}

/**
 * Client-compiler-only JIT and serial GC roughly halve the JVM's start time on a
 * small machine, at some cost in peak throughput: right for tests, not the default.
 */
export const FAST_STARTUP_JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"];

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  credentials: LocalDynamoDbCredentials;
  /** Pid of the Java process. */
  pid: number;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 10_000;

export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const host = options.host ?? "127.0.0.1";
  const java = resolveJavaBinary();
  if (!(await isPortFree(options.port, host))) {
    throw new PortInUseError(options.port, options.portVariable);
  }
  const { jar, nativeLibraries } = locateDynamoDbLocalJar();
  if (options.dataDir !== undefined) {
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  }
  const storage =
    options.dataDir === undefined ? ["-inMemory"] : ["-dbPath", resolve(options.dataDir)];
  const args = [
    ...(options.javaOptions ?? []),
    `-Djava.library.path=${nativeLibraries}`,
    "-jar",
    jar,
    "-port",
    String(options.port),
    // No -sharedDb, ever: one database per access key id is what keeps strangers out.
    ...storage,
    "-disableTelemetry",
  ];

  const launched = await launchBoundToParent(java, args);
  const stderrTail = tailLines(launched.wrapper.stderr);
  const stdoutTail = tailLines(launched.wrapper.stdout);
  const endpoint = `http://${host}:${options.port}`;
  const stop = () => stopProcess(launched);

  try {
    await waitUntilReady(endpoint, options.credentials, launched, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw explainStartFailure(error, options, [...stdoutTail(), ...stderrTail()]);
  }
  return {
    endpoint,
    port: options.port,
    credentials: options.credentials,
    pid: launched.pid,
    stop,
  };
}

async function waitUntilReady(
  endpoint: string,
  credentials: LocalDynamoDbCredentials,
  launched: ParentBoundProcess,
  timeoutMs: number,
): Promise<void> {
  let exitCode: number | null | undefined;
  void launched.exited.then((code) => {
    exitCode = code;
  });
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_DYNAMODB_REGION,
    credentials,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000 },
  });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (exitCode !== undefined) throw new Error(`Java exited with code ${exitCode}`);
      try {
        // While the JVM warms up a request can hang; the deadline still holds.
        const abortSignal = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal });
        return;
      } catch {
        await sleep(100);
      }
    }
    throw new Error(
      `DynamoDB Local did not answer ListTables at ${endpoint} within ${timeoutMs} ms`,
    );
  } finally {
    client.destroy();
  }
}

function explainStartFailure(
  error: unknown,
  options: DynamoDbLocalOptions,
  outputTail: string[],
): Error {
  const output = outputTail.join("\n");
  // The port check above can race with another process; Java's bind error says the same thing.
  if (/Address already in use|Failed to bind/i.test(output)) {
    return new PortInUseError(options.port, options.portVariable);
  }
  if (/UnsupportedClassVersionError/.test(output)) return new JavaMissingError();
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(`${reason}. Last output of DynamoDB Local:\n${output || "(none)"}`);
}

async function stopProcess(launched: ParentBoundProcess): Promise<void> {
  const { wrapper, pid, exited } = launched;
  if (wrapper.exitCode !== null || wrapper.signalCode !== null) return;
  // Closing stdin is the same path as our own death: the watcher sends SIGTERM to Java.
  wrapper.stdin?.end();
  const timer = setTimeout(() => {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }, STOP_GRACE_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}
