import { errorSummary, Log } from "@sprida/core/log";
import { Runtime, resolvePublicOrigin } from "@sprida/core/runtime";
import { awsRuntime } from "./aws-runtime";
import { invocationContext } from "./invocation-context";

Runtime.buildOnFirstUse(() => awsRuntime(process.env));

/**
 * Every Lambda entry goes through this: settings the infra could only publish after the
 * functions existed (the public origin) are read once at cold start, before the AWS runtime is
 * built from the environment at its first use (aws-runtime.ts), unless one was provided (tests).
 *
 * Every line the invocation logs carries its correlation id (and an event's id and
 * organisation), and on Lambda the request id and cold start (Powertools' Lambda context).
 *
 * An error that escapes the handler is logged by the Lambda runtime with its message and
 * stack, and kept in the dead-letter queue with its message: both get the log-safe summary
 * (same name, redacted message) instead, so no e-mail address reaches them this way.
 */
export function lambda<Event, Result, Rest extends unknown[]>(
  handler: (event: Event, ...rest: Rest) => Promise<Result>,
): (event: Event, ...rest: Rest) => Promise<Result> {
  return async (event, ...rest) => {
    Log.addLambdaContext(rest[0]);
    return Log.withContext(
      invocationContext(event, rest[0]),
      async () => {
        try {
          await resolvePublicOrigin(process.env);
          return await handler(event, ...rest);
        } catch (error) {
          const summary = errorSummary(error);
          Log.error("invocation failed", { error: summary });
          const failure = new Error(summary.message ?? summary.name);
          failure.name = summary.name;
          throw failure;
        }
      },
      { inherit: false },
    );
  };
}
