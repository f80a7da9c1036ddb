export * from "../process/ports";
export * from "./ensure-table";
export * from "./installation-database";
export * from "./java-binary";
export * from "./local-credentials";
export * from "./shared-database-migration";
export * from "./start-dynamodb-local";
