export * from "./app";
export * from "./errors";
export { mountRoutes } from "./mount";
export { isPagePath, PAGE_ROUTES } from "./pages";
export { defineRoute, type RouteDefinition } from "./route";
export * from "./security-headers";
