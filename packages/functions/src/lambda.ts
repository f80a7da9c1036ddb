import { resolvePublicOrigin } from "@sprida/core/runtime";

/**
 * Every Lambda entry goes through this: settings the infra could only publish after the
 * functions existed (the public origin) are read once at cold start, before Runtime.use().
 * Locally and in tests it does nothing.
 */
export function lambda<Event, Result, Rest extends unknown[]>(
  handler: (event: Event, ...rest: Rest) => Promise<Result>,
): (event: Event, ...rest: Rest) => Promise<Result> {
  return async (event, ...rest) => {
    await resolvePublicOrigin(process.env);
    return handler(event, ...rest);
  };
}
