export * from "./audit";
export * from "./audit.schema";
export * as Audit from "./index";
