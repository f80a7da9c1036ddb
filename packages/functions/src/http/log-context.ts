import { randomUUID } from "node:crypto";
import { Log } from "@sprida/core/log";
import { createMiddleware } from "hono/factory";

/**
 * Gives the request its correlation id (on Lambda the invocation's request id, which the
 * Lambda wrapper put in the log context; otherwise a new one), tells it to the client in
 * `x-correlation-id`, and puts it on every line logged while the request runs. The route
 * layer adds the organisation with `Log.appendContext({ orgId })` once the caller is known.
 */
export const logContext = () =>
  createMiddleware<{ Variables: { correlationId: string } }>(async (c, next) => {
    const correlationId = Log.context().correlationId ?? randomUUID();
    c.set("correlationId", correlationId);
    c.header("x-correlation-id", correlationId);
    await Log.withContext({ correlationId }, next);
  });
