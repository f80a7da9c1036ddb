import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { Keyring } from "@sprida/core/keyring";
import { Log } from "@sprida/core/log";
import { Runtime } from "@sprida/core/runtime";
import { EventRules } from "@sprida/functions/events";
import { createApp } from "@sprida/functions/http";
import { createRedirectApp } from "@sprida/functions/http/redirect";
import { JobUnitRule, Schedules } from "@sprida/functions/jobs";
import { StreamConsumers } from "@sprida/functions/streams";
import { type Context, Hono } from "hono";
import { LocalBus } from "../bus";
import {
  ensureTable,
  type LocalDynamoDbCredentials,
  prepareInstallationDatabase,
  startDynamoDbLocal,
} from "../dynamodb";
import { printSentMail, simulateMailEvents, startMailInbox } from "../mail";
import { isPortFree, PortInUseError } from "../process/ports";
import { LocalScheduler } from "../scheduler";
import { type SeedResult, seedDemoOrganisation } from "../seed";
import { localRoutes } from "../server/local-routes";
import { webSite } from "../server/web-site";
import { createStreamPoller, type StreamPoller } from "../stream";
import { ensureWebBuilt, webBuildIsStale } from "../web";
import { localDynamoClients, localMailClient } from "./clients";
import { type LocalConfig, publicOrigin } from "./config";
import { loadHandler } from "./handlers";
import { localKey } from "./local-key";

export type ComponentHealth = { ok: boolean } & Record<string, unknown>;
export interface Health {
  status: "ok" | "degraded";
  components: Record<"dynamodb" | "bus" | "stream" | "scheduler" | "mail", ComponentHealth>;
}

export interface LocalSystemParts {
  bus: LocalBus;
  scheduler: LocalScheduler;
  poller: StreamPoller;
  health(): Promise<Health>;
}

export interface LocalSystem extends LocalSystemParts {
  urls: { app: string; health: string; inbox: string; dynamodb: string };
  demo?: SeedResult;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Serve HTTP on SPRIDA_PORT (off for one-shot CLI commands). */
  http?: boolean;
  /** Run the 15-minute tick (off for one-shot CLI commands). */
  schedules?: boolean;
  /**
   * Use a DynamoDB Local that is already running (tests) instead of starting one; the key
   * selects the database in it.
   */
  dynamodb?: { endpoint: string; credentials: LocalDynamoDbCredentials };
  /** Where the stream poller starts when it has no saved position (tests skip older records). */
  streamStartAt?: "TRIM_HORIZON" | "LATEST";
  /** Create the demo organisation on first start (npm start does; tests do not). */
  seedDemo?: boolean;
  /**
   * Told when each component starts and is ready, for progress output; a long step (the
   * demo's first seed) also says how far it has come (`working`, with `detail`).
   */
  progress?: (event: {
    step: string;
    state: "starting" | "working" | "ready";
    ms?: number;
    detail?: string;
  }) => void;
}

/**
 * The whole system on one machine: DynamoDB Local, the durable bus, the stream poller, the
 * scheduler, the mail inbox and one HTTP port, all running the handlers Lambda runs.
 */
export async function startLocalSystem(
  config: LocalConfig,
  options: StartOptions = {},
): Promise<LocalSystem> {
  const { http = true, schedules = true } = options;
  const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    options.progress?.({ step: label, state: "starting" });
    const result = await work();
    options.progress?.({
      step: label,
      state: "ready",
      ms: Math.round(performance.now() - started),
    });
    return result;
  };
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne();
  };

  try {
    const host = config.SPRIDA_HOST;
    if (http && !(await isPortFree(config.SPRIDA_PORT, host))) {
      throw new PortInUseError(config.SPRIDA_PORT, "SPRIDA_PORT", "the HTTP server");
    }
    if (!(await isPortFree(config.SPRIDA_MAIL_PORT, host))) {
      throw new PortInUseError(config.SPRIDA_MAIL_PORT, "SPRIDA_MAIL_PORT", "the mail inbox");
    }

    const database =
      options.dynamodb ??
      (await step("DynamoDB Local", async () => {
        const { dbPath, credentials } = await prepareInstallationDatabase(config.SPRIDA_DATA_DIR);
        const started = await startDynamoDbLocal({
          port: config.SPRIDA_DYNAMODB_PORT,
          credentials,
          dataDir: dbPath,
          portVariable: "SPRIDA_DYNAMODB_PORT",
        });
        stops.push(() => started.stop());
        return started;
      }));
    const { dynamo, streams } = localDynamoClients(database.endpoint, database.credentials);
    await step(`table ${config.SPRIDA_TABLE_NAME}`, () =>
      ensureTable(dynamo, config.SPRIDA_TABLE_NAME),
    );

    const mail = await step("mail inbox", () =>
      startMailInbox({ host, port: config.SPRIDA_MAIL_PORT }),
    );
    stops.push(() => mail.stop());

    const bus = new LocalBus({
      dir: join(config.SPRIDA_DATA_DIR, "bus"),
      // The job units' rule is built by infra/jobs.ts on AWS, on the same bus.
      rules: [...EventRules, JobUnitRule],
      invoke: async (rule, event) => {
        await (await loadHandler(rule.handler))(event);
      },
    });
    const keyWrapper = Keyring.localKeyWrapper(await localKey(config.SPRIDA_DATA_DIR));
    Runtime.provide({
      stage: "local",
      tableName: config.SPRIDA_TABLE_NAME,
      dynamo,
      document: Runtime.documentClient(dynamo),
      publisher: bus,
      mail: simulateMailEvents(printSentMail(localMailClient(mail.endpoint)), (event) =>
        bus.putServiceEvent(event),
      ),
      mailPerSecond: config.SPRIDA_MAIL_PER_SECOND,
      mailFrom: config.SPRIDA_MAIL_FROM,
      publicOrigin: publicOrigin(config),
      alternateOrigins: config.SPRIDA_ALTERNATE_ORIGINS,
      ...(config.SPRIDA_FETCH_ALLOWLIST.length > 0
        ? { fetchAllowlist: config.SPRIDA_FETCH_ALLOWLIST }
        : {}),
      keyWrapper,
      now: () => new Date(),
    });
    await step("event bus", () => bus.start());
    stops.push(() => bus.stop());

    const streamDir = join(config.SPRIDA_DATA_DIR, "stream");
    const poller = createStreamPoller({
      streamsClient: streams,
      dynamoClient: dynamo,
      tableName: config.SPRIDA_TABLE_NAME,
      stateDir: streamDir,
      startAt: options.streamStartAt,
      consumers: StreamConsumers.map((definition) => ({
        definition,
        invoke: async (event) => (await loadHandler(definition.handler))(event) as never,
      })),
      // The local on-failure destination: kept on disk and said out loud.
      onDeadLetter: async (consumerId, records, error) => {
        Log.error(`stream consumer ${consumerId} gave up on ${records.length} record(s)`, {
          component: "stream poller",
          error,
        });
        await appendFile(
          join(streamDir, "dead-letters.ndjson"),
          `${JSON.stringify({ consumerId, error: String(error), at: new Date().toISOString(), records })}\n`,
        );
      },
    });
    await step("stream poller", () => poller.start());
    stops.push(() => poller.stop());

    // After the poller: the demo's shares and clicks reach the tally like any others, even
    // when the poller starts at the stream's LATEST record.
    const demo = options.seedDemo
      ? await step("demo organisation", () =>
          seedDemoOrganisation(config.SPRIDA_DATA_DIR, (detail) =>
            options.progress?.({ step: "demo organisation", state: "working", detail }),
          ),
        )
      : undefined;

    const scheduler = new LocalScheduler(Schedules, async (schedule, event) =>
      (await loadHandler(schedule.handler))(event),
    );
    if (schedules) {
      scheduler.start();
      stops.push(() => scheduler.stop());
    }

    const health = async (): Promise<Health> => {
      const streamStats = poller.stats();
      const components = {
        dynamodb: await dynamoHealth(dynamo, config.SPRIDA_TABLE_NAME, database.endpoint),
        bus: { ok: bus.isRunning(), ...bus.stats() },
        stream: { ok: streamStats.healthy, consumers: streamStats.consumers },
        scheduler: { ok: !schedules || scheduler.stats().running, ...scheduler.stats() },
        mail: { ok: await mail.healthy(), inbox: mail.inboxUrl },
      };
      const ok = Object.values(components).every((component) => component.ok);
      return { status: ok ? "ok" : "degraded", components };
    };
    const parts: LocalSystemParts = { bus, scheduler, poller, health };

    if (http) {
      const clientAddress = (c: Context) => getConnInfo(c).remote.address;
      const api = createApp({ clientAddress });
      const redirect = createRedirectApp({ clientAddress });
      const app = new Hono()
        .route("/", localRoutes(parts))
        .all("/r/*", (c) => redirect.fetch(c.req.raw, c.env))
        .use("*", webSite())
        .all("*", (c) => api.fetch(c.req.raw, c.env));
      if (webBuildIsStale()) await step("web app build (Vite)", () => ensureWebBuilt());
      const server = await step(`HTTP on port ${config.SPRIDA_PORT}`, () =>
        listen(app, host, config.SPRIDA_PORT),
      );
      stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    }

    const origin = publicOrigin(config);
    return {
      ...parts,
      urls: {
        app: origin,
        health: `${origin}/healthz`,
        inbox: mail.inboxUrl,
        dynamodb: database.endpoint,
      },
      demo,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listen(app: Hono, hostname: string, port: number) {
  return new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname, port }, () => resolve(server));
    server.once("error", reject);
  });
}

async function dynamoHealth(
  client: ReturnType<typeof localDynamoClients>["dynamo"],
  tableName: string,
  endpoint: string,
): Promise<ComponentHealth> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return {
      ok: Table?.TableStatus === "ACTIVE",
      endpoint,
      table: tableName,
      items: Table?.ItemCount,
    };
  } catch (error) {
    return { ok: false, endpoint, error: String(error) };
  }
}
