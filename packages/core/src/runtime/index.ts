export { type ParameterReader, readSsmParameter, resolvePublicOrigin } from "./public-origin";
export { readThrough } from "./read-through";
export * as Runtime from "./runtime";
