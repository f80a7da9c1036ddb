export * from "./app";
export * from "./errors";
export * from "./security-headers";
