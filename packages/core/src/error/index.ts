export * as Errors from "./domain-error";
export { DomainError } from "./domain-error";
export { parseInput } from "./parse-input";
