import { errorSummary } from "@sprida/core/error";
import { resolvePublicOrigin } from "@sprida/core/runtime";

/**
 * Every Lambda entry goes through this: settings the infra could only publish after the
 * functions existed (the public origin) are read once at cold start, before Runtime.use().
 * Locally and in tests it does nothing.
 *
 * An error that escapes the handler is logged by the Lambda runtime with its message and
 * stack, and kept in the dead-letter queue with its message: both get the log-safe summary
 * (same name, redacted message) instead, so no e-mail address reaches them this way.
 */
export function lambda<Event, Result, Rest extends unknown[]>(
  handler: (event: Event, ...rest: Rest) => Promise<Result>,
): (event: Event, ...rest: Rest) => Promise<Result> {
  return async (event, ...rest) => {
    try {
      await resolvePublicOrigin(process.env);
      return await handler(event, ...rest);
    } catch (error) {
      const summary = errorSummary(error);
      console.error(
        JSON.stringify({ level: "error", message: "invocation failed", error: summary }),
      );
      const failure = new Error(summary.message ?? summary.name);
      failure.name = summary.name;
      throw failure;
    }
  };
}
