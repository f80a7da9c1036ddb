/**
 * What the benchmarks started and must undo (temp dirs, the local system with its Java
 * process). Each benchmark undoes its own in `finally`; on a signal run.ts raises
 * `interruption`, which the benchmarks check between steps so that their `finally` blocks
 * run, and then undoes whatever is still registered.
 */
type Undo = () => Promise<void> | void;

const pending: { label: string; undo: Undo }[] = [];

export const interruption = new AbortController();

/** Throws once the run was interrupted; called between the benchmarks' steps. */
export function checkInterrupted(): void {
  interruption.signal.throwIfAborted();
}

/** Registers an undo step; the returned function runs it now (once) and unregisters it. */
export function deferCleanup(label: string, undo: Undo): () => Promise<void> {
  const entry = { label, undo };
  pending.push(entry);
  return async () => {
    const index = pending.indexOf(entry);
    if (index === -1) return;
    pending.splice(index, 1);
    await entry.undo();
  };
}

/** Runs every registered undo step, newest first; a failing step does not stop the others. */
export async function cleanUpAll(log: (message: string) => void): Promise<void> {
  while (pending.length > 0) {
    const entry = pending.pop();
    if (entry === undefined) break;
    try {
      await entry.undo();
    } catch (error) {
      log(`cleanup "${entry.label}" failed: ${String(error)}`);
    }
  }
}
