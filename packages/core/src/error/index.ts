export * as Errors from "./domain-error";
export { DomainError } from "./domain-error";
export { type ErrorSummary, errorSummary } from "./log-safe";
export { parseInput } from "./parse-input";
