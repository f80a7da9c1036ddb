export * from "./jobs";
export * from "./schedules";
