export * as Text from "./index";
export * from "./text";
