export * from "./apply-batch";
export * from "./from-stream";
export * as Tally from "./index";
