import { execFile } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { promisify } from "node:util";

const exec = promisify(execFile);

export interface NetworkTestHost {
  /** This machine's address on the link to the test host: not loopback, and only the test host reaches it. */
  hostAddress: string;
  /** The test host's own address. */
  guestAddress: string;
  /** Runs a command on the test host (in its network namespace); rejects on a non-zero exit. */
  run(
    command: string,
    args: string[],
    options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
  ): Promise<{ stdout: string; stderr: string }>;
  remove(): Promise<void>;
}

/**
 * Another machine on the network, made for one test: a network namespace joined to this one by a
 * veth pair. A test may only send traffic to loopback or to hosts it made itself, never to the
 * machine's real network; this gives it a non-loopback path into the machine that goes nowhere
 * else. Addresses come from 198.18.0.0/15 (set aside for such tests, RFC 2544), a /30 picked at
 * random so parallel runs do not collide. Creating a namespace needs root.
 */
export async function createNetworkTestHost(): Promise<NetworkTestHost> {
  await requireRootAndIp();
  const id = randomBytes(3).toString("hex");
  const namespace = `sprida-test-${id}`;
  const hostLink = `spr${id}h`;
  const guestLink = `spr${id}g`;
  const { hostAddress, guestAddress } = await unusedSubnet();
  const remove = async () => {
    // Deleting the namespace destroys its end of the pair and with it ours; the second is for
    // a run that failed between creating the pair and moving one end.
    await ip("netns", "del", namespace).catch(() => {});
    await ip("link", "del", hostLink).catch(() => {});
  };
  try {
    await ip("netns", "add", namespace);
    await ip("link", "add", hostLink, "type", "veth", "peer", "name", guestLink);
    await ip("link", "set", guestLink, "netns", namespace);
    await ip("addr", "add", `${hostAddress}/30`, "dev", hostLink);
    await ip("link", "set", hostLink, "up");
    await ip("-n", namespace, "addr", "add", `${guestAddress}/30`, "dev", guestLink);
    await ip("-n", namespace, "link", "set", guestLink, "up");
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    hostAddress,
    guestAddress,
    run: (command, args, { cwd, env, timeoutMs }) =>
      exec("ip", ["netns", "exec", namespace, command, ...args], { cwd, env, timeout: timeoutMs }),
    remove,
  };
}

async function ip(...args: string[]): Promise<void> {
  try {
    await exec("ip", args);
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "").trim();
    // Root in a container without CAP_SYS_ADMIN and CAP_NET_ADMIN gets "Operation not permitted".
    throw new Error(`ip ${args.join(" ")} failed: ${stderr || String(error)}`, { cause: error });
  }
}

async function requireRootAndIp(): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new Error(
      "This test needs root: it creates a network namespace (ip netns add) to reach this machine " +
        "through a non-loopback address without sending traffic anywhere else. Run it as root, as .ci/run does.",
    );
  }
  try {
    await exec("ip", ["-V"]);
  } catch {
    throw new Error(
      "This test needs the ip command to create a network namespace: apt-get install -y iproute2",
    );
  }
}

async function unusedSubnet(): Promise<{ hostAddress: string; guestAddress: string }> {
  const inUse = (await exec("ip", ["-4", "-o", "addr", "show"])).stdout;
  for (let attempt = 0; attempt < 20; attempt++) {
    // 198.18.0.0/15 holds 2^17 addresses, 2^15 subnets of four.
    const base = randomInt(0, 2 ** 15) * 4;
    const prefix = `198.${18 + (base >> 16)}.${(base >> 8) & 0xff}.`;
    const hostAddress = `${prefix}${(base & 0xff) + 1}`;
    const guestAddress = `${prefix}${(base & 0xff) + 2}`;
    if (!inUse.includes(`inet ${hostAddress}/`) && !inUse.includes(`inet ${guestAddress}/`)) {
      return { hostAddress, guestAddress };
    }
  }
  throw new Error("No unused /30 in 198.18.0.0/15 after 20 tries");
}
