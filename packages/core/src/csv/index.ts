export * as Csv from "./index";
export * from "./read";
export * from "./write";
