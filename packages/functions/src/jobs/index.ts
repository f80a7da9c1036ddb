export * from "./jobs";
export * from "./schedules";
export * from "./unit-rule";
