export * from "./channels";
export * from "./destination";
export * as Share from "./index";
export * from "./link-code";
export * from "./share.schema";
