import type { Readable } from "node:stream";

/** Keeps the last lines a process wrote, for error messages; also drains the pipe so it never blocks. */
export function tailLines(stream: Readable | null, keep = 20): () => string[] {
  const lines: string[] = [];
  let partial = "";
  stream?.on("data", (chunk: Buffer) => {
    const parts = (partial + chunk.toString("utf8")).split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts.filter((line) => line.trim() !== ""));
    if (lines.length > keep) lines.splice(0, lines.length - keep);
  });
  return () => (partial.trim() === "" ? [...lines] : [...lines, partial]).slice(-keep);
}
