import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { Content } from "@sprida/core/content";
import { meterDynamoDb } from "@sprida/core/dynamo";
import { Member } from "@sprida/core/member";
import { Org } from "@sprida/core/org";
import { Runtime } from "@sprida/core/runtime";
import { Share } from "@sprida/core/share";
import { Tally } from "@sprida/core/tally";
import { createRedirectApp } from "@sprida/functions/http/redirect";
import type { LocalSystem } from "@sprida/local/runtime";
import type { Context } from "hono";
import { checkInterrupted, deferCleanup } from "./cleanup";
import { startBenchSystem } from "./local-system";
import { median, quantile, round, summary } from "./stats";

export interface RedirectOptions {
  /** Requests per measured round, to each server. */
  requests: number;
  /** Requests in flight at once (one keep-alive connection each). */
  concurrency: number;
  /** Measured rounds; the redirect and the baseline alternate which goes first. */
  rounds: number;
  /** Requests in the unmeasured warm-up of each server. */
  warmupRequests: number;
  /** Give up when the tally has not counted every click within this long. */
  drainTimeoutMs: number;
  /** The pipeline counts as idle once nothing has moved in it for this long. */
  quietMs: number;
  log: (message: string) => void;
}

const TIME_ZONE = "Europe/Stockholm";

/** Real browsers' User-Agents (none a bot), one per request in turn: the clicks are human. */
const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80",
] as const;

interface Target {
  name: "redirect" | "baseline";
  port: number;
  path: string;
  /** What the Location header must be. */
  location: string;
  agent: Agent;
}

interface RoundResult {
  ms: number;
  latencies: number[];
}

/**
 * `GET /r/{code}` on the redirect app (Hono on @hono/node-server, the local system behind
 * it: cached link read, visitor hash, one `link.clicked` publish) against a bare node:http
 * server answering 302 with a fixed Location, both driven by the same in-process load
 * generator. Then every click is followed through ingest → ledger → stream → tally.
 */
export async function benchRedirect(options: RedirectOptions) {
  const { requests, concurrency, rounds, warmupRequests, log } = options;
  let stopSystem: (() => Promise<void>) | undefined;
  let closeRedirect: (() => Promise<void>) | undefined;
  let closeBaseline: (() => Promise<void>) | undefined;
  const agents: Agent[] = [];
  const destroyAgents = deferCleanup("destroy the load generator's agents", () => {
    for (const agent of agents) agent.destroy();
  });
  try {
    const started = await startBenchSystem("redirect", log);
    stopSystem = started.stop;
    const { system } = started;

    log("redirect: seeding an organisation, a published item and a share link");
    const { orgId, code, destination } = await seed();
    checkInterrupted();

    const clientAddress = (c: Context) => getConnInfo(c).remote.address;
    const app = createRedirectApp({ clientAddress });
    const redirectServer = await listen((port) =>
      serve({ fetch: app.fetch, hostname: "127.0.0.1", port }),
    );
    closeRedirect = deferCleanup("close the redirect server", () => close(redirectServer));
    const baselineServer = await listen((port) =>
      createServer((_request, response) => {
        response.writeHead(302, { location: destination });
        response.end();
      }).listen(port, "127.0.0.1"),
    );
    closeBaseline = deferCleanup("close the baseline server", () => close(baselineServer));

    const agentFor = () => {
      const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
      agents.push(agent);
      return agent;
    };
    const redirect: Target = {
      name: "redirect",
      port: portOf(redirectServer),
      path: `/r/${code}`,
      location: destination,
      agent: agentFor(),
    };
    const baseline: Target = {
      name: "baseline",
      port: portOf(baselineServer),
      path: `/r/${code}`,
      location: destination,
      agent: agentFor(),
    };

    const days = new Set<string>();
    const noteDay = () => days.add(Org.localDay(TIME_ZONE, new Date()));
    let clicksSent = 0;
    const pipeline = { system, orgId, days, options };

    log(`redirect: warm-up (${warmupRequests} requests each)`);
    noteDay();
    await drive(redirect, warmupRequests, concurrency, 0);
    clicksSent += warmupRequests;
    noteDay();
    await drive(baseline, warmupRequests, concurrency, 0);
    // The warm-up's clicks (and the link's one-off first-click confirmation) stay out of the
    // measured figures: the meter starts once the pipeline has counted them and is idle.
    await quiesce(pipeline, clicksSent);

    const { dynamo } = Runtime.use();
    const meter = meterDynamoDb(dynamo);
    meter.reset();
    const busBefore = system.bus.stats();
    const streamBefore = system.poller.stats();

    // How long each click waits for the bus: the local bus's journal fsync, sharing two
    // cores with the ingest the clicks cause, is most of the gap to the baseline.
    const publishMs: number[] = [];
    const publish = system.bus.publish.bind(system.bus);
    system.bus.publish = async (events) => {
      const started = performance.now();
      try {
        await publish(events);
      } finally {
        publishMs.push(performance.now() - started);
      }
    };

    const redirectRounds: RoundResult[] = [];
    const baselineRounds: RoundResult[] = [];
    const catchUpMs: number[] = [];
    let linkClickedAccepted = 0;
    for (let index = 0; index < rounds; index++) {
      checkInterrupted();
      const order = index % 2 === 0 ? [redirect, baseline] : [baseline, redirect];
      for (const target of order) {
        if (target === baseline) {
          baselineRounds.push(await drive(baseline, requests, concurrency, 0));
          continue;
        }
        const published = system.bus.stats().published;
        noteDay();
        redirectRounds.push(await drive(redirect, requests, concurrency, index));
        noteDay();
        linkClickedAccepted += system.bus.stats().published - published;
        clicksSent += requests;
        // Each round starts on an idle pipeline: the previous round's clicks do not load it.
        const finishedAt = performance.now();
        await waitForClicks(pipeline, clicksSent);
        catchUpMs.push(performance.now() - finishedAt);
        await settle(pipeline);
      }
      const lastRedirect = redirectRounds[redirectRounds.length - 1];
      const lastBaseline = baselineRounds[baselineRounds.length - 1];
      if (lastRedirect !== undefined && lastBaseline !== undefined) {
        log(
          `redirect: round ${index + 1}/${rounds}: redirect ${Math.round(perSecond(requests, lastRedirect.ms))} req/s, baseline ${Math.round(perSecond(requests, lastBaseline.ms))} req/s, tally caught up ${Math.round(catchUpMs[catchUpMs.length - 1] ?? 0)} ms after the round`,
        );
      }
    }

    const metered = meter.snapshot();
    const busAfter = system.bus.stats();
    const streamAfter = system.poller.stats();
    const totals = await orgTotals(orgId, days);
    const measuredClicks = requests * rounds;

    const redirectRates = redirectRounds.map((r) => perSecond(requests, r.ms));
    const baselineRates = baselineRounds.map((r) => perSecond(requests, r.ms));
    const redirectMedian = median(redirectRates);
    const baselineMedian = median(baselineRates);
    const roundRatios = redirectRates.map((rate, index) => rate / (baselineRates[index] ?? NaN));
    const streamDelta = (field: "failed" | "deadLettered") =>
      streamAfter.consumers.reduce(
        (sum, consumer) =>
          sum +
          consumer[field] -
          (streamBefore.consumers.find((c) => c.id === consumer.id)?.[field] ?? 0),
        0,
      );
    return {
      requests,
      concurrency,
      rounds,
      userAgents: USER_AGENTS.length,
      redirect: {
        requestsPerSecond: round(redirectMedian, 0),
        roundsRequestsPerSecond: redirectRates.map((rate) => round(rate, 0)),
        latencyMs: latencySummary(redirectRounds),
        publishMs: summary(publishMs),
      },
      baseline: {
        requestsPerSecond: round(baselineMedian, 0),
        roundsRequestsPerSecond: baselineRates.map((rate) => round(rate, 0)),
        latencyMs: latencySummary(baselineRounds),
      },
      ratio: round(redirectMedian / baselineMedian, 3),
      roundRatios: roundRatios.map((ratio) => round(ratio, 3)),
      roundRatiosMedian: round(median(roundRatios), 3),
      clicks: {
        measured: measuredClicks,
        sentIncludingWarmup: clicksSent,
        linkClickedAcceptedByBus: linkClickedAccepted,
        busDeadLettered: busAfter.deadLettered - busBefore.deadLettered,
        streamFailures: streamDelta("failed"),
        streamDeadLettered: streamDelta("deadLettered"),
        tallyCatchUpAfterRoundMs: {
          median: round(median(catchUpMs), 0),
          max: round(Math.max(...catchUpMs), 0),
        },
      },
      // The organisation's day counters: the warm-up's clicks and the measured ones.
      tally: {
        rawClicks: totals.rawClicks,
        humanClicks: totals.humanClicks,
        uniqueClicks: totals.uniqueClicks,
        botClicks: totals.botClicks,
      },
      writeUnitsPerClick: round(metered.writeUnits / measuredClicks, 3),
      writeUnitsPerClickByOperation: Object.fromEntries(
        Object.entries(metered.byOperation)
          .filter(([, tally]) => tally.writeUnits > 0)
          .map(([operation, tally]) => [operation, round(tally.writeUnits / measuredClicks, 3)]),
      ),
    };
  } finally {
    await destroyAgents();
    await closeRedirect?.();
    await closeBaseline?.();
    await stopSystem?.();
  }
}

/** An organisation, its owner and a member, a published item and the member's link to it. */
async function seed(): Promise<{ orgId: string; code: string; destination: string }> {
  const org = await Org.create({
    name: "Bench AB",
    locale: "en",
    timeZone: TIME_ZONE,
    guidelines: "Share what you stand behind.",
  });
  const join = async (role: "owner" | "member", email: string) => {
    const { inviteToken } = await Member.invite({
      orgId: org.orgId,
      email,
      role,
      displayName: `Bench ${role}`,
      segment: { office: "Stockholm", unit: "Sales" },
      invitedBy: Member.SYSTEM_ACTOR,
    });
    return Member.acceptInvite({ token: inviteToken, guidelinesVersion: 1 });
  };
  const owner = await join("owner", "owner@bench.sprida.test");
  const member = await join("member", "member@bench.sprida.test");
  const item = await Content.create(owner, {
    title: "How we cut our build times in half",
    summary: "A short story from the platform team.",
    url: "https://acme.example/blog/build-times?ref=feed",
    language: "en",
    topics: ["engineering"],
  });
  await Content.publish(owner, item.contentId);
  const { link } = await Share.linkFor(member, { contentId: item.contentId, channel: "linkedin" });
  return { orgId: org.orgId, code: link.code, destination: link.destination };
}

/**
 * `count` GETs with at most `concurrency` in flight, the User-Agent changing per request;
 * every answer must be a 302 to the expected Location.
 */
async function drive(
  target: Target,
  count: number,
  concurrency: number,
  offset: number,
): Promise<RoundResult> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const userAgent = USER_AGENTS[(offset + index) % USER_AGENTS.length] as string;
      const started = performance.now();
      await get(target, userAgent);
      latencies.push(performance.now() - started);
    }
  };
  checkInterrupted();
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { ms: performance.now() - started, latencies };
}

function get(target: Target, userAgent: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: "127.0.0.1",
        port: target.port,
        path: target.path,
        method: "GET",
        agent: target.agent,
        headers: {
          "user-agent": userAgent,
          accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
          "accept-language": "sv-SE,sv;q=0.9,en;q=0.8",
        },
      },
      (response) => {
        response.resume();
        response.once("error", reject);
        response.once("end", () => {
          if (response.statusCode !== 302 || response.headers.location !== target.location) {
            reject(
              new Error(
                `redirect: ${target.name} answered ${response.statusCode} (Location ${response.headers.location ?? "none"})`,
              ),
            );
          } else resolve();
        });
      },
    );
    outgoing.once("error", reject);
    outgoing.end();
  });
}

interface Pipeline {
  system: LocalSystem;
  orgId: string;
  /** Every local day a click was sent on (more than one only across midnight). */
  days: Set<string>;
  options: RedirectOptions;
}

/** Waits until the tally has counted `clicks` and nothing moves in the pipeline any more. */
async function quiesce(pipeline: Pipeline, clicks: number): Promise<void> {
  await waitForClicks(pipeline, clicks);
  await settle(pipeline);
}

async function waitForClicks(pipeline: Pipeline, clicks: number): Promise<void> {
  const started = performance.now();
  for (;;) {
    checkInterrupted();
    const { rawClicks } = await orgTotals(pipeline.orgId, pipeline.days);
    if (rawClicks === clicks) return;
    if (rawClicks > clicks) {
      throw new Error(`redirect: the tally counted ${rawClicks} clicks, ${clicks} were sent`);
    }
    if (performance.now() - started > pipeline.options.drainTimeoutMs) {
      throw new Error(
        `redirect: the tally counted ${rawClicks} of ${clicks} clicks within ${pipeline.options.drainTimeoutMs} ms`,
      );
    }
    await sleep(50);
  }
}

/**
 * Idle: no bus delivery pending and no counter of the bus or the stream consumers moved for
 * `quietMs` (longer than the consumers' one-second batching window).
 */
async function settle(pipeline: Pipeline): Promise<void> {
  const { system, options } = pipeline;
  const started = performance.now();
  const state = () => {
    const bus = system.bus.stats();
    const stream = system.poller.stats();
    return JSON.stringify([
      bus.published,
      bus.delivered,
      bus.pendingDeliveries,
      stream.consumers.map((c) => [c.delivered, c.failed]),
    ]);
  };
  let last = state();
  let quietSince = performance.now();
  for (;;) {
    checkInterrupted();
    await sleep(50);
    const now = state();
    if (now !== last || system.bus.stats().pendingDeliveries > 0) {
      last = now;
      quietSince = performance.now();
    } else if (performance.now() - quietSince >= options.quietMs) {
      return;
    }
    if (performance.now() - started > options.drainTimeoutMs) {
      throw new Error("redirect: the pipeline did not settle");
    }
  }
}

async function orgTotals(orgId: string, days: Set<string>) {
  const totals = { rawClicks: 0, humanClicks: 0, uniqueClicks: 0, botClicks: 0 };
  for (const day of days) {
    const counts = await Tally.orgDay(orgId, day);
    totals.rawClicks += counts.rawClicks;
    totals.humanClicks += counts.humanClicks;
    totals.uniqueClicks += counts.uniqueClicks;
    totals.botClicks += counts.botClicks;
  }
  return totals;
}

function latencySummary(rounds: RoundResult[]) {
  const all = rounds.flatMap((r) => r.latencies);
  return { p50: round(quantile(all, 0.5), 2), p95: round(quantile(all, 0.95), 2) };
}

function perSecond(count: number, ms: number): number {
  return (count * 1000) / ms;
}

/** Starts a server on a free port (port 0) and resolves once it listens. */
function listen(start: (port: number) => Server | ReturnType<typeof serve>): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = start(0) as Server;
    // Rounds are apart by the pipeline's catch-up: connections stay open across it.
    server.keepAliveTimeout = 120_000;
    server.once("error", reject);
    if (server.listening) resolve(server);
    else server.once("listening", () => resolve(server));
  });
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
