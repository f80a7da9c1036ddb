export * as Probe from "./probe";
