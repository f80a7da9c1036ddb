export * as Event from "./index";
export * from "./define-event";
export * from "./envelope";
export * from "./eventbridge-publisher";
export * from "./rule";
