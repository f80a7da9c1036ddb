export * from "./escape-html";
export * as Mail from "./index";
export * from "./links";
export * from "./send";
export * from "./templates";
