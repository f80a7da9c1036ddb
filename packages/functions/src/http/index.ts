export * from "./app";
export * from "./errors";
export { mountRoutes } from "./mount";
export { defineRoute, type RouteDefinition } from "./route";
export * from "./security-headers";
