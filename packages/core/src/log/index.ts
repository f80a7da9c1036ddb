export * as Log from "./log";
