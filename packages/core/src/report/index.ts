export * from "./csv";
export * as Report from "./index";
export * from "./range";
export * from "./recompute";
export * from "./report";
export * from "./report.schema";
export * from "./rollup";
export * from "./rollup-due";
export * from "./summary";
