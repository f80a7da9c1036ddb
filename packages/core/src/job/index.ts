export * from "./cadence";
export * from "./due";
export * from "./events";
export * as Job from "./index";
export * from "./job";
export * from "./job.schema";
export * from "./run-unit";
export * from "./tick";
export { MAX_UNIT_ATTEMPTS, record, UNIT_LEASE_MS } from "./unit-claim";
