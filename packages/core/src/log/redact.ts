import { errorSummary } from "./error-summary";
import { scrub } from "./scrub";

const MAX_DEPTH = 8;

/**
 * What a log line may carry of a value: every string scrubbed of e-mail and IP addresses
 * (nested in objects and arrays too), every Error as its log-safe summary (no stack), dates
 * as ISO strings. The callers already log ids rather than people; this is the second line
 * of defence, for the address inside a message nobody expected to hold one.
 */
export function redact(value: unknown): unknown {
  return redactAt(value, 0, new WeakSet());
}

/** The fields of a line, redacted; fields whose value cannot be written are left out. */
export function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  return redactObject(fields, 0, new WeakSet());
}

function redactAt(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return scrub(value);
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (typeof value !== "object") return undefined; // functions, symbols, undefined
  if (value instanceof Error) return errorSummary(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[nested too deep]";
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redactAt(item, depth + 1, seen) ?? null);
    if (value instanceof Map) return redactObject(Object.fromEntries(value), depth, seen);
    if (value instanceof Set) return [...value].map((item) => redactAt(item, depth + 1, seen));
    if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
    return redactObject(value as Record<string, unknown>, depth, seen);
  } finally {
    seen.delete(value);
  }
}

function redactObject(
  object: Record<string, unknown>,
  depth: number,
  seen: WeakSet<object>,
): Record<string, unknown> {
  const redacted: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(object)) {
    const safe = redactAt(item, depth + 1, seen);
    if (safe !== undefined) redacted[key] = safe;
  }
  return redacted;
}
