export * from "./campaign-progress";
export * from "./csv";
export * as Stats from "./index";
export * from "./stats";
export * from "./suppress";
