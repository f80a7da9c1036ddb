import { randomUUID } from "node:crypto";
import { Runtime } from "@sprida/core/runtime";
import { Hono } from "hono";
import { type ErrorBody, errorResponse } from "./errors";

export type AppEnv = { Variables: { correlationId: string } };

/** The API, the same on Lambda (api.ts) and in the local server. Later features mount routes here. */
export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    const correlationId = randomUUID();
    c.set("correlationId", correlationId);
    c.header("x-correlation-id", correlationId);
    await next();
  });
  app.get("/api/health", (c) => c.json({ status: "ok", stage: Runtime.use().stage }));
  app.notFound((c) => {
    const body: ErrorBody = {
      error: { code: "not_found", message: `No route for ${c.req.method} ${c.req.path}` },
    };
    return c.json(body, 404);
  });
  app.onError((error, c) => errorResponse(c, error));
  return app;
}
