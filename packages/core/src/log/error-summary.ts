import { scrub } from "./scrub";

/** What a log line may say about an error: codes and ids, never a stack or personal data. */
export interface ErrorSummary {
  name: string;
  /** Our DomainError's code, an AWS SDK error's code, or Node's (ECONNRESET). */
  code?: string | number;
  /** The AWS SDK's "client" or "server". */
  fault?: string;
  httpStatusCode?: number;
  /** AWS's request id: what AWS support asks for. */
  requestId?: string;
  /** The message with e-mail and IP addresses replaced; see `redact`. */
  message?: string;
  /** What the error wraps (ElectroDB wraps the SDK's error), summarised the same way. */
  cause?: ErrorSummary;
}

const MESSAGE_LIMIT = 300;
const CAUSE_DEPTH = 3;
const IDENTIFIER = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * A log-safe summary of anything thrown (for a thrown non-Error, its type as the name). The message is kept because without it many
 * failures cannot be told apart (a TypeError's message is all there is), but only after
 * removing what looks like an e-mail or IP address: SES names rejected recipients in its
 * messages, and socket errors name the address they failed to reach. The stack is never
 * included: it repeats the message, and frames can hold values.
 */
export function errorSummary(error: unknown): ErrorSummary {
  return summarise(error, 0);
}

function summarise(error: unknown, depth: number): ErrorSummary {
  if (!(error instanceof Error)) {
    return typeof error === "string"
      ? { name: "string", message: redact(error) }
      : { name: typeof error };
  }
  const fields = error as Error & {
    code?: unknown;
    Code?: unknown;
    $fault?: unknown;
    $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
  };
  const summary: ErrorSummary = { name: identifier(error.name) ?? "Error" };
  const code =
    typeof fields.code === "number" ? fields.code : identifier(fields.code ?? fields.Code);
  if (code !== undefined) summary.code = code;
  const fault = identifier(fields.$fault);
  if (fault !== undefined) summary.fault = fault;
  const status = fields.$metadata?.httpStatusCode;
  if (typeof status === "number") summary.httpStatusCode = status;
  const requestId = identifier(fields.$metadata?.requestId);
  if (requestId !== undefined) summary.requestId = requestId;
  if (error.message) summary.message = redact(error.message);
  if (error.cause !== undefined && depth < CAUSE_DEPTH) {
    summary.cause = summarise(error.cause, depth + 1);
  }
  return summary;
}

/** Codes and ids are short identifiers; anything else is not logged as one. */
function identifier(value: unknown): string | undefined {
  return typeof value === "string" && IDENTIFIER.test(value) ? value : undefined;
}

/** The message without e-mail and IP addresses (see `scrub`), its length capped. */
function redact(message: string): string {
  const redacted = scrub(message);
  return redacted.length > MESSAGE_LIMIT ? `${redacted.slice(0, MESSAGE_LIMIT)}…` : redacted;
}
