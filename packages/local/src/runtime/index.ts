export * from "./config";
export * from "./handlers";
export * from "./local-system";
