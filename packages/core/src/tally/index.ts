export * as Tally from "./index";
export * from "./apply-batch";
export * from "./from-stream";
