export * from "./app";
export * from "./errors";
