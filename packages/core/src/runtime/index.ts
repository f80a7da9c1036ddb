export { resolvePublicOrigin } from "./public-origin";
export * as Runtime from "./runtime";
