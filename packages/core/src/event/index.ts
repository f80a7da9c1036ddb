export * from "./define-event";
export * from "./effect";
export * from "./envelope";
export * from "./eventbridge-publisher.lean";
export * as Event from "./index";
export * from "./rule";
