import { isApiError } from "./api-error";

/** The API's message about one field of a body (`path` as the API names it), if any. */
export function fieldError(error: unknown, path: string): string | undefined {
  if (!isApiError(error)) return undefined;
  return error.issues.find((issue) => issue.path === path || issue.path?.startsWith(`${path}.`))
    ?.message;
}
