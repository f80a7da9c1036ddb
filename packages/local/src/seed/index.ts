export * from "./demo-organisation";
