export * from "./consumers";
