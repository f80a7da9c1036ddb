export * from "./campaign-progress";
export * from "./current-campaigns";
export * as Stats from "./index";
export { segmentPartition } from "./people";
export * from "./stats";
export * from "./suppress";
