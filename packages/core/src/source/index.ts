export * from "./feed";
export * as Source from "./index";
export * from "./page-metadata";
export { canonicalUrl } from "./text";
