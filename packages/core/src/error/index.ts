export * as Errors from "./domain-error";
export { DomainError, isConditionalCheckFailure } from "./domain-error";
export { parseInput } from "./parse-input";
