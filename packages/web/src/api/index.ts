export { ApiError, isApiError } from "./api-error";
export type { components, paths } from "./api-types";
export { api, call } from "./client";
export { fieldError } from "./field-error";
