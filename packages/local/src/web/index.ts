export * from "./build-web";
export * as Web from "./index";
