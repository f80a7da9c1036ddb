/**
 * Errors a user can cause, with a stable code. The HTTP layer maps each kind to its status
 * and shows the message as is, so messages are written for people and leak nothing.
 */
export type ErrorKind =
  | "invalid"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "gone"
  | "rate_limited";

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const invalid = (code: string, message: string) => new DomainError("invalid", code, message);
export const forbidden = (code: string, message: string) =>
  new DomainError("forbidden", code, message);
export const notFound = (code: string, message: string) =>
  new DomainError("not_found", code, message);
export const conflict = (code: string, message: string) =>
  new DomainError("conflict", code, message);
export const gone = (code: string, message: string) => new DomainError("gone", code, message);
export const rateLimited = (code: string, message: string) =>
  new DomainError("rate_limited", code, message);
export const unauthenticated = (code: string, message: string) =>
  new DomainError("unauthenticated", code, message);

/** ElectroDB wraps the SDK's error; the original sits somewhere on the `cause` chain. */
export function isConditionalCheckFailure(error: unknown): boolean {
  let current: unknown = error;
  while (current instanceof Error) {
    if (current.name === "ConditionalCheckFailedException") return true;
    current = current.cause;
  }
  return false;
}
