export * from "./demo-activity";
export * from "./demo-content";
export * from "./demo-organisation";
