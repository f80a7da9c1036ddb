import type { z } from "zod";
import * as Errors from "./domain-error";

/**
 * Parses what a caller passed in. A mismatch is the caller's mistake, so it becomes an
 * `invalid` domain error (a 400 with a readable message) rather than an unexpected 500.
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  code = "invalid_input",
): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const where = first && first.path.length > 0 ? `${first.path.map(String).join(".")}: ` : "";
  throw Errors.invalid(code, `${where}${first?.message ?? "Not valid"}`);
}
