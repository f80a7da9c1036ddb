export * from "../process/ports";
export * from "./ensure-table";
export * from "./java-binary";
export * from "./start-dynamodb-local";
