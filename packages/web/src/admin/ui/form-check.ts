import { useState } from "react";
import type { z } from "zod";
import { fieldError } from "../../api/field-error";

/** Field messages keyed by dotted path ("settings.points.perConfirmedShare"). */
export type FieldErrors = Record<string, string>;

/**
 * Checks a form's values with the API's own zod schema before sending (the same rules, the
 * same messages); the first message per field.
 */
export function checkWith(schema: z.ZodType, values: unknown): FieldErrors {
  const parsed = schema.safeParse(values);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join(".");
    errors[path] ??= issue.message;
  }
  return errors;
}

/** The message for one field: the form's own check first, else what the API said about it. */
export const messageFor = (path: string, local: FieldErrors, apiError: unknown) =>
  local[path] ?? fieldError(apiError, path);

/**
 * A form's own check: `passes(schema, values)` is true when the values pass; otherwise their
 * messages are kept in `errors`, to show beside the fields until the next check.
 */
export function useFieldChecks() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const passes = (schema: z.ZodType, values: unknown) => {
    const found = checkWith(schema, values);
    setErrors(found);
    return Object.keys(found).length === 0;
  };
  return { errors, passes, clear: () => setErrors({}) };
}
