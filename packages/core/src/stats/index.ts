export * from "./campaign-progress";
export * as Stats from "./index";
export { segmentPartition } from "./people";
export * from "./stats";
export * from "./suppress";
