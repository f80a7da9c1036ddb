export * from "./feed";
export * as Feed from "./index";
