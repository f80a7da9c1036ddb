export * as Auth from "./auth";
export * as Session from "./session";
