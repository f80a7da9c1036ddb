import { readFileSync } from "node:fs";

/**
 * `npm start` runs us as npm → sh → node. If npm is killed with SIGKILL nobody tells its
 * children, so we watch our ancestors up to npm ourselves and shut down when one is gone.
 * (DynamoDB Local, in turn, watches us through a pipe.)
 */
export function watchAncestors(onGone: (pid: number) => void, intervalMs = 500): () => void {
  const watched = ancestorsUpToNpm();
  const originalParent = process.ppid;
  const timer = setInterval(() => {
    const gone =
      process.ppid !== originalParent ? originalParent : watched.find((pid) => !isAlive(pid));
    if (gone !== undefined) {
      clearInterval(timer);
      onGone(gone);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

function ancestorsUpToNpm(): number[] {
  const pids: number[] = [];
  let pid = process.ppid;
  for (let depth = 0; depth < 4 && pid > 1; depth++) {
    pids.push(pid);
    if (commandOf(pid).includes("npm")) break;
    pid = parentOf(pid);
  }
  // Without npm among the first ancestors (started directly), the parent alone is watched.
  return pids.some((p) => commandOf(p).includes("npm")) ? pids : [process.ppid];
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

function parentOf(pid: number): number {
  try {
    // The command name (field 2) may contain spaces; the fields after its ")" are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return 0;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
