export * from "./audit";
export { auditEntryEntity } from "./audit.entity";
export * from "./audit.schema";
export * from "./in-transaction";
export * as Audit from "./index";
