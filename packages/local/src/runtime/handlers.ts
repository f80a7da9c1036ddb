import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { HandlerPath } from "@sprida/core/event";

/** The repository root: handler paths are relative to it, as SST reads them. */
export const repositoryRoot = fileURLToPath(new URL("../../../../", import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: handlers take whatever event shape their trigger sends.
type Handler = (event: any, context?: unknown) => Promise<unknown>;

const loaded = new Map<string, Promise<Handler>>();

/** Imports the export a handler path names, the same function Lambda runs. */
export function loadHandler(path: HandlerPath): Promise<Handler> {
  let handler = loaded.get(path);
  if (!handler) {
    const dot = path.lastIndexOf(".");
    const file = join(repositoryRoot, `${path.slice(0, dot)}.ts`);
    const name = path.slice(dot + 1);
    handler = import(file).then((module: Record<string, unknown>) => {
      const exported = module[name];
      if (typeof exported !== "function")
        throw new Error(`${file} has no exported function "${name}"`);
      return exported as Handler;
    });
    loaded.set(path, handler);
  }
  return handler;
}
