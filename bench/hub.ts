import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Session } from "@sprida/core/auth";
import { Content } from "@sprida/core/content";
import { Member } from "@sprida/core/member";
import { Org } from "@sprida/core/org";
import { ensureWebBuilt, WEB_ROOT } from "@sprida/local/web";
import { chromium } from "playwright-core";
import { build } from "vite";
import { checkInterrupted, deferCleanup } from "./cleanup";
import { startBenchSystem } from "./local-system";
import { median, round } from "./stats";

export interface HubBenchOptions {
  /** Feed loads measured (the median is reported). */
  rounds: number;
  /** Items in the member's feed. */
  items: number;
  log: (message: string) => void;
}

const CHROMIUM = process.env.SPRIDA_CHROMIUM ?? "/usr/bin/chromium";
const GOAL_FIRST_LOAD_GZIP_BYTES = 150 * 1024;

type Manifest = Record<
  string,
  { file: string; isEntry?: boolean; imports?: string[]; css?: string[] }
>;

/**
 * The member hub, measured: its first-load JavaScript (the entry and everything it imports
 * statically, gzipped) against a bare React 19 page built the same way in the same run; its
 * largest files; and, in Chromium against the local system, the requests and the
 * time until the feed's first card shows, against the same server's bare static page.
 */
export async function benchHub({ rounds, items, log }: HubBenchOptions) {
  await ensureWebBuilt();
  const hub = await firstLoad(join(WEB_ROOT, "dist"));
  log(`hub: first-load JS ${kb(hub.jsGzipBytes)} KB gzipped in ${hub.chunks} files`);
  const baseline = await bareReactFirstLoad();
  const feed = await feedFirstRender({ rounds, items, log });
  return {
    firstLoad: {
      jsGzipKb: kb(hub.jsGzipBytes),
      cssGzipKb: kb(hub.cssGzipBytes),
      files: hub.chunks,
      goalJsGzipKb: kb(GOAL_FIRST_LOAD_GZIP_BYTES),
      withinGoal: hub.jsGzipBytes <= GOAL_FIRST_LOAD_GZIP_BYTES,
      baselineBareReactJsGzipKb: kb(baseline),
      ratioToBareReact: round(hub.jsGzipBytes / baseline, 2),
    },
    largestFirstLoadFilesGzipKb: hub.largest,
    feedFirstRender: feed,
  };
}

export const kb = (bytes: number) => round(bytes / 1024, 1);

/**
 * The entry's JavaScript and everything it imports statically (what loads before render),
 * and with `extraEntries` (source paths of lazily loaded modules) theirs too: what a place
 * that loads them needs before it shows.
 */
export async function firstLoad(dist: string, extraEntries: string[] = []) {
  const manifest = JSON.parse(
    await readFile(join(dist, ".vite", "manifest.json"), "utf8"),
  ) as Manifest;
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entry) throw new Error("No entry in the web build's manifest");
  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) walk(imported);
  };
  walk(entry);
  for (const extra of extraEntries) {
    if (!manifest[extra]) throw new Error(`${extra} is not in the web build's manifest`);
    walk(extra);
  }
  let jsGzipBytes = 0;
  const css = new Set<string>();
  const files: [string, number][] = [];
  for (const key of seen) {
    const chunk = manifest[key];
    if (!chunk) continue;
    const bytes = gzipSync(await readFile(join(dist, chunk.file))).length;
    jsGzipBytes += bytes;
    // "framework-<hash>.js" → "framework" (vite.config.ts names it: React, TanStack, i18next).
    files.push([chunk.file.replace(/^assets\//, "").replace(/-[\w-]{8}\.js$/, ""), bytes]);
    for (const file of chunk.css ?? []) css.add(file);
  }
  const largest = Object.fromEntries(
    files
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([name, bytes]) => [name, kb(bytes)]),
  );
  let cssGzipBytes = 0;
  for (const file of css) cssGzipBytes += gzipSync(await readFile(join(dist, file))).length;
  return { jsGzipBytes, cssGzipBytes, chunks: seen.size, largest };
}

/** The baseline: `createRoot(...).render(<p>Sprida</p>)`, built by the same Vite and React. */
export async function bareReactFirstLoad(): Promise<number> {
  const root = await mkdtemp(join(WEB_ROOT, ".bench-bare-react-"));
  const undo = deferCleanup(`remove ${root}`, () => rm(root, { recursive: true, force: true }));
  try {
    await writeFile(
      join(root, "index.html"),
      '<!doctype html><div id="root"></div><script type="module" src="./main.js"></script>',
    );
    await writeFile(
      join(root, "main.js"),
      'import { createElement } from "react";\nimport { createRoot } from "react-dom/client";\n' +
        'createRoot(document.getElementById("root")).render(createElement("p", null, "Sprida"));\n',
    );
    await build({
      root,
      configFile: false,
      logLevel: "error",
      mode: "production",
      build: { outDir: join(root, "dist"), manifest: true },
    });
    return (await firstLoad(join(root, "dist"))).jsGzipBytes;
  } finally {
    await undo();
  }
}

/** Chromium against the local system: requests and time until the first feed card shows. */
async function feedFirstRender({ rounds, items, log }: HubBenchOptions) {
  const { system, stop } = await startBenchSystem("hub", log, { http: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
  });
  const closeBrowser = deferCleanup("close Chromium", () => browser.close());
  try {
    const origin = system.urls.app;
    const sessionToken = await seedMemberWithFeed(items);
    // The same server's bare page, as the floor of a page load here.
    const barePath = "/bench-bare.html";
    await writeFile(join(WEB_ROOT, "dist", barePath), "<!doctype html><p>Sprida</p>");
    const removeBare = deferCleanup("remove the bare page", () =>
      rm(join(WEB_ROOT, "dist", barePath), { force: true }),
    );
    const loads: { ms: number; api: number; other: number }[] = [];
    const bare: number[] = [];
    try {
      for (let round = 0; round < rounds; round++) {
        checkInterrupted();
        const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
        await context.addCookies([{ name: "sprida_session", value: sessionToken, url: origin }]);
        const page = await context.newPage();
        let api = 0;
        let other = 0;
        page.on("request", (request) => {
          if (new URL(request.url()).pathname.startsWith("/api/")) api++;
          else other++;
        });
        const started = performance.now();
        await page.goto(origin);
        await page.getByRole("article").first().waitFor({ timeout: 30_000 });
        loads.push({ ms: performance.now() - started, api, other });
        const bareStarted = performance.now();
        await page.goto(`${origin}${barePath}`);
        bare.push(performance.now() - bareStarted);
        await context.close();
      }
    } finally {
      await removeBare();
    }
    const medianMs = median(loads.map((load) => load.ms));
    const bareMs = median(bare);
    log(`hub: first feed card after ${round(medianMs, 0)} ms (bare page ${round(bareMs, 0)} ms)`);
    const first = loads[0] ?? { api: 0, other: 0 };
    return {
      rounds,
      requestsBeforeFirstCard: {
        api: first.api,
        assets: first.other,
        total: first.api + first.other,
      },
      medianMs: round(medianMs, 0),
      bareStaticPageMedianMs: round(bareMs, 0),
      ratioToBarePage: round(medianMs / bareMs, 1),
    };
  } finally {
    await closeBrowser();
    await stop();
  }
}

/** An organisation whose one member has a feed of `items` published items; their session. */
async function seedMemberWithFeed(items: number): Promise<string> {
  const org = await Org.create({
    name: "Bench AB",
    locale: "sv",
    timeZone: "Europe/Stockholm",
    guidelines: "Var schysst.",
  });
  const join = async (role: "owner" | "member") => {
    const { inviteToken } = await Member.invite({
      orgId: org.orgId,
      email: `${role}@bench.example`,
      role,
      invitedBy: Member.SYSTEM_ACTOR,
    });
    return Member.acceptInvite({ token: inviteToken, guidelinesVersion: 1 });
  };
  const owner = await join("owner");
  const member = await join("member");
  // Set up as onboarded: channels and a topic, so the feed is what renders.
  await Member.updateProfile(org.orgId, member.memberId, {
    channels: [{ channel: "linkedin", networkSize: 500 }],
    followedTopics: ["produkt"],
  });
  for (let index = 0; index < items; index++) {
    const item = await Content.create(owner, {
      title: `Nyhet ${index + 1}`,
      summary: "Något värt att dela.",
      url: `https://news.example/${index + 1}`,
      language: "sv",
      topics: [index % 2 ? "produkt" : "nyheter"],
    });
    await Content.publish(owner, item.contentId);
  }
  return (await Session.create(member)).sessionToken;
}
