export * from "./calendar";
export * from "./day.schema";
export * as Day from "./index";
export * from "./zone.lean";
