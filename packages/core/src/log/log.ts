import { currentContext } from "./context";
import { jsonLinesBackend } from "./json-lines";
import type { Level, LogBackend } from "./line";
import { powertoolsBackend } from "./powertools";
import { redactFields } from "./redact";
import { scrub } from "./scrub";

export {
  appendContext,
  currentContext as context,
  type LogContext,
  type WithContextOptions,
  withContext,
} from "./context";
export { jsonLinesBackend } from "./json-lines";
export type { Entry, Level, LogBackend } from "./line";
export { powertoolsBackend } from "./powertools";
export { redact } from "./redact";
export { scrub } from "./scrub";

/** Fields of one line: ids, counts, outcomes; values are redacted whatever they are. */
export type Fields = Record<string, unknown>;

/** Keys every line has already: a field may not replace them. */
const RESERVED = new Set(["level", "message", "timestamp", "service"]);

let backend: LogBackend | undefined;

/** Chosen on first use: Powertools on Lambda, JSON lines (pretty on a terminal) elsewhere. */
function use(): LogBackend {
  backend ??= process.env.AWS_LAMBDA_FUNCTION_NAME ? powertoolsBackend() : jsonLinesBackend();
  return backend;
}

/** Replaces where lines go (tests of the backends); returns the one it replaced. */
export function useBackend(next: LogBackend | undefined): LogBackend | undefined {
  const previous = backend;
  backend = next;
  return previous;
}

export const info = (message: string, fields?: Fields) => write("INFO", message, fields);
export const warn = (message: string, fields?: Fields) => write("WARN", message, fields);
export const error = (message: string, fields?: Fields) => write("ERROR", message, fields);

/** On Lambda, the invocation's request id and cold start join every line (Powertools'). */
export function addLambdaContext(context: unknown): void {
  use().addLambdaContext?.(context);
}

/**
 * The context (correlation, event and organisation ids) and then the fields, redacted. A
 * logger must not throw: a line that cannot be written is replaced by one saying so.
 */
function write(level: Level, message: string, fields: Fields = {}): void {
  const attributes: Fields = { ...currentContext() };
  for (const [key, value] of Object.entries(fields)) {
    if (!RESERVED.has(key)) attributes[key] = value;
  }
  try {
    use().write(level, scrub(message), redactFields(attributes));
  } catch (failure) {
    use().write("ERROR", "log line could not be written", redactFields({ failure }));
  }
}
