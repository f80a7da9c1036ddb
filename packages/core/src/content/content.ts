/** The content domain's public surface; `index.ts` exposes it as the `Content` namespace. */
export * from "./archive";
export * from "./content.schema";
export * from "./create";
export { Events } from "./events";
export * from "./preview";
export * from "./publish";
export { get, list } from "./read";
export * from "./settings";
export * from "./suggest";
export * from "./update";
