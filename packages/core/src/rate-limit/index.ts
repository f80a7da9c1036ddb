export * from "./failures";
export * as RateLimit from "./index";
export * from "./rate-limit";
