export * from "./export";
export * as MyData from "./index";
export * from "./my-data.schema";
export * from "./sources";
