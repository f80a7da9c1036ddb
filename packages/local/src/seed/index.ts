export * from "./demo-activity";
export * from "./demo-content";
export * from "./demo-history";
export * from "./demo-history-run";
export * from "./demo-organisation";
export * from "./demo-people";
export * from "./demo-value";
