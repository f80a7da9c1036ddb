export * from "./site-policy";
