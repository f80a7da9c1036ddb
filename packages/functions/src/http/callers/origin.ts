import { Org } from "@sprida/core/org";
import type { Context } from "hono";
import { ApiError } from "../errors";

/**
 * State changes from a browser must come from our own pages: the request's Origin must be
 * one of the deployment's origins (its own and the alternates an organisation may choose).
 * Together with SameSite=Lax this stops cross-site request forgery. It belongs to the
 * browser's callers (session and public) only: servers send no Origin, and a bearer token or
 * a signature is not something a browser adds on its own.
 */
export function checkOrigin(c: Context): void {
  if (c.req.method === "GET" || c.req.method === "HEAD") return;
  const origin = c.req.header("origin");
  if (!origin || !Org.deploymentOrigins().includes(origin)) {
    throw new ApiError(403, "bad_origin", "This request must come from Sprida's own pages");
  }
}
