export * from "./admin-report-message";
export * from "./digest-message";
export * from "./escape-html";
export * as Mail from "./index";
export * from "./links";
export * from "./send";
export * from "./suppression";
export * from "./templates";
export * from "./weekly.schema";
