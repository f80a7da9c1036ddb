import { Hono } from "hono";
import { type ClientAddressSource, cloudFrontViewerAddress } from "./client-key";
import { type ErrorBody, errorResponse } from "./errors";
import { logContext } from "./log-context";
import { mountRoutes } from "./mount";
import { isPagePath, mountPages, pageErrorResponse } from "./pages";
import { ApiRoutes } from "./routes";
import { securityHeaders } from "./security-headers";

export type AppEnv = { Variables: { correlationId: string } };

export interface AppOptions {
  /** The trusted source of the client address; CloudFront's header on AWS, the socket locally. */
  clientAddress?: ClientAddressSource;
}

/** The API and the server-rendered pages, the same on Lambda (api.ts) and in the local server. */
export function createApp(options: AppOptions = {}): Hono<AppEnv> {
  const clientAddress = options.clientAddress ?? cloudFrontViewerAddress;
  const app = new Hono<AppEnv>();
  app.use(logContext());
  // Pages (and the web apps to come) declare their own policy next to their routes.
  app.use(securityHeaders());
  mountRoutes(app, ApiRoutes, clientAddress);
  mountPages(app, clientAddress);
  app.notFound((c) => {
    const body: ErrorBody = {
      error: { code: "not_found", message: `No route for ${c.req.method} ${c.req.path}` },
    };
    return c.json(body, 404);
  });
  app.onError((error, c) =>
    isPagePath(c.req.path) ? pageErrorResponse(c, error) : errorResponse(c, error),
  );
  return app;
}
