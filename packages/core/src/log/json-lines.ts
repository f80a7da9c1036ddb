import { inspect } from "node:util";
import type { Entry, Level, LogBackend } from "./line";
import { serviceName } from "./line";

/**
 * Off Lambda: one JSON line per entry, INFO on stdout and WARN/ERROR on stderr (through the
 * console, so test runners attribute lines to their tests); on a terminal the same entry as
 * one readable, coloured line.
 */
export function jsonLinesBackend(
  pretty: boolean = Boolean(process.stdout.isTTY),
  now: () => Date = () => new Date(),
): LogBackend {
  return {
    write(level, message, attributes) {
      const entry: Entry = {
        level,
        message,
        timestamp: now().toISOString(),
        service: serviceName(),
        ...attributes,
      };
      const line = pretty ? prettyLine(entry) : jsonLine(entry);
      if (level === "ERROR") console.error(line);
      else if (level === "WARN") console.warn(line);
      else console.log(line);
    },
  };
}

export const jsonLine = (entry: Entry): string => JSON.stringify(entry);

const COLOUR: Record<Level, number> = { INFO: 36, WARN: 33, ERROR: 31 };

/** "17:12:18.120 WARN  message  correlationId=… orgId=…" (the service is left out: it is one). */
export function prettyLine(entry: Entry): string {
  const { level, message, timestamp, service: _service, ...fields } = entry;
  const time = timestamp.slice(11, 23);
  const label = `\u001b[${COLOUR[level]}m${level.padEnd(5)}\u001b[39m`;
  const rest = Object.entries(fields).map(([key, value]) => `${key}=${formatValue(value)}`);
  return [`\u001b[2m${time}\u001b[22m ${label} ${message}`, ...rest].join("  ");
}

function formatValue(value: unknown): string {
  if (typeof value === "string") return /\s/.test(value) ? JSON.stringify(value) : value;
  return inspect(value, { breakLength: Number.POSITIVE_INFINITY, depth: 6, colors: false });
}
