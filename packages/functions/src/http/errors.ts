import { DomainError, type Errors } from "@sprida/core/error";
import { Log } from "@sprida/core/log";
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

export const STATUS_OF: Record<Errors.ErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rate_limited: 429,
};

export function invalidInput(error: z.ZodError, where: string): ApiError {
  return new ApiError(
    400,
    "invalid_request",
    `The ${where} is not valid`,
    error.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      message: issue.message,
    })),
  );
}

export function statusOf(error: DomainError | ApiError): ContentfulStatusCode {
  return error instanceof ApiError ? error.status : STATUS_OF[error.kind];
}

export function errorResponse(c: Context, error: unknown): Response {
  if (error instanceof ApiError) {
    return c.json(
      { error: { code: error.code, message: error.message, issues: error.issues } },
      error.status,
    );
  }
  if (error instanceof DomainError) {
    const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
    if (retryAfter) c.header("retry-after", String(retryAfter));
    return c.json({ error: { code: error.code, message: error.message } }, STATUS_OF[error.kind]);
  }
  if (error instanceof HTTPException && error.status < 500) {
    const code = error.status === 413 ? "payload_too_large" : "bad_request";
    return c.json({ error: { code, message: error.message || "Bad request" } }, error.status);
  }
  // Unexpected: logged with the correlation id (codes and ids, no personal data), answered
  // without detail.
  const correlationId = c.get("correlationId" as never) as string | undefined;
  Log.error("request failed", { correlationId, error });
  return c.json(
    {
      error: {
        code: "internal",
        message: `Something went wrong (reference ${correlationId ?? "none"})`,
      },
    },
    500,
  );
}
