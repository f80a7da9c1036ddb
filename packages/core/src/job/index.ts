export * as Job from "./job";
