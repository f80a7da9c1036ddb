export * from "./feed";
export * as Feed from "./index";
export * from "./topics";
