export * from "./defaults";
export * from "./formulas";
export * as Value from "./index";
export * from "./settings";
export * from "./settings.schema";
