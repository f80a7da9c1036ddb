import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";

/** The one error shape every API response uses. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function errorResponse(c: Context, error: unknown): Response {
  if (error instanceof ApiError) {
    const body: ErrorBody = {
      error: { code: error.code, message: error.message, issues: error.issues },
    };
    return c.json(body, error.status);
  }
  if (error instanceof HTTPException && error.status < 500) {
    const body: ErrorBody = { error: { code: "bad_request", message: error.message } };
    return c.json(body, error.status);
  }
  // Unexpected: logged with the correlation id, answered without detail.
  const correlationId = c.get("correlationId" as never) as string | undefined;
  console.error(
    JSON.stringify({
      level: "error",
      correlationId,
      error: String(error),
      stack: (error as Error)?.stack,
    }),
  );
  const body: ErrorBody = {
    error: {
      code: "internal",
      message: `Something went wrong (reference ${correlationId ?? "none"})`,
    },
  };
  return c.json(body, 500);
}
