import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findFreePort } from "@sprida/local/dynamodb";
import { repositoryRoot } from "@sprida/local/runtime";
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/eventually";
import { commandOf, descendantsOf, isAlive } from "../helpers/process-tree";

/** `npm start` as a person runs it: its own process group, ports and data folder. */
async function startCommand(extraEnv: Record<string, string> = {}) {
  const env = {
    ...process.env,
    SPRIDA_PORT: String(await findFreePort()),
    SPRIDA_DYNAMODB_PORT: String(await findFreePort()),
    SPRIDA_MAIL_PORT: String(await findFreePort()),
    SPRIDA_DATA_DIR: await mkdtemp(join(tmpdir(), "sprida-start-")),
    ...extraEnv,
  };
  const child = spawn("npm", ["start"], {
    cwd: repositoryRoot,
    env,
    detached: true,
    stdio: "pipe",
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  started.push(child);
  return { child, env, exited, output: () => output };
}

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
});

async function healthy(started: { env: { SPRIDA_PORT: string }; output: () => string }) {
  return eventually(async () => {
    const response = await fetch(`http://127.0.0.1:${started.env.SPRIDA_PORT}/healthz`);
    return response.status === 200 ? ((await response.json()) as { status: string }) : undefined;
    // The first start seeds 90 days of demo history first (about half a minute, more on a
    // busy machine): a generous limit, not a speed.
  }, 240_000).catch((error) => {
    throw new Error(`${String(error)}\nOutput of npm start:\n${started.output()}`);
  });
}

describe("npm start", () => {
  /** The first test's data folder, seeded: later starts on it are repeat starts. */
  let seeded: string | undefined;

  it("serves /healthz with every component up, and a SIGKILL of npm leaves no process behind", async () => {
    const command = await startCommand();
    const { child } = command;
    const health = await healthy(command);
    expect(health.status).toBe("ok");
    // The first start on a fresh data folder seeds the demo organisation, and says so.
    await eventually(async () =>
      /✓ demo organisation \(\d+ ms\)/.test(command.output()) ? true : undefined,
    );
    await eventually(async () =>
      command.output().includes('"Demo AB" (created now)') ? true : undefined,
    );
    seeded = command.env.SPRIDA_DATA_DIR;

    const tree = descendantsOf(child.pid as number);
    expect(tree.some((pid) => commandOf(pid).includes("DynamoDBLocal.jar"))).toBe(true);
    process.kill(child.pid as number, "SIGKILL");

    const survivors = await eventually(async () => {
      const alive = tree.filter(isAlive);
      return alive.length === 0 ? alive : undefined;
    }, 30_000).catch(() => tree.filter(isAlive).map(commandOf));
    expect(survivors).toEqual([]);
  }, 360_000);

  it("starts again on its data, stops everything on Ctrl-C, keeps its data, and runs a job through the running system", async () => {
    // On the first test's data (even after its SIGKILL): a repeat start seeds nothing.
    const first = await startCommand(seeded ? { SPRIDA_DATA_DIR: seeded } : {});
    await healthy(first);
    if (seeded) {
      await eventually(async () =>
        first.output().includes('"Demo AB" (from an earlier start)') ? true : undefined,
      );
    }
    const job = spawn("npm", ["run", "job", "--", "pipeline-probe"], {
      cwd: repositoryRoot,
      env: first.env,
    });
    let jobOutput = "";
    job.stdout.on("data", (chunk) => (jobOutput += chunk));
    const jobCode = await new Promise((resolve) => job.once("exit", resolve));
    expect(jobCode).toBe(0);
    expect(jobOutput).toContain('"probeId"');

    const tree = descendantsOf(first.child.pid as number);
    // Ctrl-C in a terminal signals the whole foreground process group.
    process.kill(-(first.child.pid as number), "SIGINT");
    await first.exited;
    await eventually(async () => (tree.some(isAlive) ? undefined : true), 30_000);
    expect(first.output()).toContain("Interrupted: stopping");
    expect(first.output()).toContain("Stopped.");

    // Same data folder: the journal and table come back.
    const second = await startCommand({ ...first.env });
    const health = (await healthy(second)) as unknown as {
      components: { dynamodb: { items?: number } };
    };
    expect(health.components.dynamodb.items).toBeGreaterThan(0);
  }, 480_000);

  it("names the port and the variable when the port is taken", async () => {
    const blocker = createServer();
    const port = await findFreePort();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      const { exited, output } = await startCommand({ SPRIDA_PORT: String(port) });
      expect(await exited).toBe(1);
      expect(output()).toContain(
        `Port ${port} is already in use, so the HTTP server cannot start there`,
      );
      expect(output()).toContain("SPRIDA_PORT");
    } finally {
      blocker.close();
    }
  }, 60_000);

  it("says in one line how to install Java when it is missing", async () => {
    const { exited, output } = await startCommand({ SPRIDA_JAVA: "/nonexistent/java" });
    expect(await exited).toBe(1);
    expect(output()).toContain("apt-get install -y openjdk-17-jre-headless");
  }, 60_000);
});
