export { type ParameterReader, readSsmParameter, resolvePublicOrigin } from "./public-origin";
export * as Runtime from "./runtime";
