export * from "./audit";
export * from "./audit.schema";
export * from "./in-transaction";
export * as Audit from "./index";
