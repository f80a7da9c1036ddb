import { type ChildProcess, spawn } from "node:child_process";

/**
 * Runs the command under /bin/sh so that it dies with us. Node has no "kill my
 * child when I die" option, and after a SIGKILL no exit handler of ours runs.
 * What does outlive us reliably is the kernel closing our end of a pipe: the shell
 * keeps `cat` reading our stdin in a watcher, and when `cat` sees end-of-file
 * (we are gone, or stop() closed stdin) the watcher sends SIGTERM to the command.
 * The shell itself waits for the command, so its exit means the command is gone.
 * The command's pid comes back on fd 3 because its own stdout is the command's.
 */
const WRAPPER_SCRIPT = [
  // The command gets /dev/null as stdin (async list) and must not hold fd 3 open.
  '"$@" 3>&- &',
  "child=$!",
  'echo "$child" >&3',
  "exec 3>&-",
  // An async list's stdin is /dev/null, so hand the pipe to the watcher on fd 4.
  "exec 4<&0",
  '( cat <&4 >/dev/null; kill "$child" 2>/dev/null ) &',
  "watcher=$!",
  "exec 4<&- </dev/null",
  "trap 'kill \"$child\" 2>/dev/null' TERM INT HUP",
  // A trapped signal interrupts wait; keep waiting until the command has really exited.
  'wait "$child"; status=$?',
  'while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done',
  'kill "$watcher" 2>/dev/null',
  'exit "$status"',
].join("\n");

export interface ParentBoundProcess {
  /** The shell wrapper: its exit means the command has exited. */
  wrapper: ChildProcess;
  /** Pid of the command itself (e.g. java), not of the wrapper. */
  pid: number;
  exited: Promise<number | null>;
}

export async function launchBoundToParent(
  command: string,
  args: string[],
): Promise<ParentBoundProcess> {
  const wrapper = spawn("/bin/sh", ["-c", WRAPPER_SCRIPT, "sprida-bound", command, ...args], {
    stdio: ["pipe", "pipe", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => {
    wrapper.once("exit", (code) => {
      // Lets a leftover `cat` see end-of-file when the command died on its own.
      wrapper.stdin?.destroy();
      resolve(code);
    });
  });
  const pid = await readPid(wrapper, exited);
  return { wrapper, pid, exited };
}

function readPid(wrapper: ChildProcess, exited: Promise<number | null>): Promise<number> {
  const pidPipe = wrapper.stdio[3];
  return new Promise((resolve, reject) => {
    if (pidPipe === null || pidPipe === undefined || !("on" in pidPipe)) {
      reject(new Error("The wrapper has no pid pipe"));
      return;
    }
    let text = "";
    pidPipe.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
      const line = text.split("\n")[0];
      if (text.includes("\n") && line !== undefined) resolve(Number.parseInt(line, 10));
    });
    wrapper.once("error", reject);
    void exited.then((code) => reject(new Error(`The wrapper exited (${code}) before the pid`)));
  });
}
