export { type ErrorSummary, errorSummary } from "./error-summary";
export * as Log from "./log";
export { scrub } from "./scrub";
