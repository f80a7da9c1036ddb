export * as Runtime from "./runtime";
