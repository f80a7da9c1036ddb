export * from "./ensure-table";
export * from "./java-binary";
export * from "./ports";
export * from "./start-dynamodb-local";
