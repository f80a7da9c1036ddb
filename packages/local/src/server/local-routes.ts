import { getConnInfo } from "@hono/node-server/conninfo";
import { Auth } from "@sprida/core/auth";
import { Job } from "@sprida/core/job";
import { Runtime } from "@sprida/core/runtime";
import { type RecountInput, recount } from "@sprida/core/tally";
import { errorResponse, securityHeaders } from "@sprida/functions/http";
import { Jobs } from "@sprida/functions/jobs";
import { Hono } from "hono";
import { z } from "zod";
import { createOrganisation, PartlyDoneError } from "../cli/create-organisation";
import type { LocalSystemParts } from "../runtime/local-system";

const JobRequest = z.strictObject({ orgId: z.string().min(1).max(64).optional() });
const SignInLinkRequest = z.strictObject({
  email: z.string().min(3).max(254),
  orgId: z.string().min(1).max(64).optional(),
});
const ReplayRequest = z.strictObject({ ids: z.array(z.string().min(1)).optional() });

/**
 * Routes only the local runtime has: health of every emulated component, and the operator
 * commands (`npm run job`, `npm run dlq`, `npm run admin`) for a running system. Loopback
 * callers only.
 */
export function localRoutes(parts: LocalSystemParts): Hono {
  const app = new Hono();
  // The API's JSON errors: a member who is unknown or only invited is a 404, never a 500.
  app.onError((error, c) => errorResponse(c, error));
  // JSON only, but held to the same headers as everything else the server answers.
  for (const path of ["/healthz", "/_local/*"]) app.use(path, securityHeaders());
  app.get("/healthz", async (c) => {
    const health = await parts.health();
    return c.json(health, health.status === "ok" ? 200 : 503);
  });
  app.use("/_local/*", async (c, next) => {
    const address = getConnInfo(c).remote.address ?? "";
    if (!["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(address)) {
      return c.json(
        { error: { code: "forbidden", message: "Local operator routes answer loopback only" } },
        403,
      );
    }
    await next();
  });
  app.post("/_local/jobs/:name", async (c) => {
    const body = JobRequest.safeParse(await c.req.json().catch(() => ({})));
    if (!body.success)
      return c.json(
        { error: { code: "invalid_request", message: z.prettifyError(body.error) } },
        400,
      );
    const name = c.req.param("name");
    if (name === "tick") return c.json(await parts.scheduler.runNow("tick"));
    const job = Jobs.find((candidate) => candidate.name === name);
    if (!job) {
      const known = ["tick", ...Jobs.map((j) => j.name)].join(", ");
      return c.json(
        { error: { code: "unknown_job", message: `No job "${name}". Jobs: ${known}` } },
        404,
      );
    }
    const outcome = await Job.runNow(job, { orgId: body.data.orgId, now: Runtime.use().now() });
    return c.json(outcome, outcome.ok ? 200 : 500);
  });
  // Local only, loopback only: signs in as anyone whose address you know, by design.
  app.post("/_local/sign-in-link", async (c) => {
    const body = SignInLinkRequest.safeParse(await c.req.json().catch(() => ({})));
    if (!body.success)
      return c.json(
        { error: { code: "invalid_request", message: z.prettifyError(body.error) } },
        400,
      );
    return c.json(await Auth.createSignInLink(body.data));
  });
  // `npm run admin -- create-organisation` (its input is checked by createOrganisation).
  app.post("/_local/organisations", async (c) => {
    const input = await c.req.json().catch(() => ({}));
    try {
      return c.json(await createOrganisation(input, { signInLink: true }));
    } catch (error) {
      if (!(error instanceof PartlyDoneError)) throw error;
      return c.json({ error: { code: "partly_done", message: error.message } }, 500);
    }
  });
  // `npm run admin -- recount-tally` (its input is checked by recount).
  app.post("/_local/tally/recount", async (c) => {
    const { apply, ...input } = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    return c.json(await recount(input as RecountInput, { apply: apply === true }));
  });
  app.get("/_local/dead-letters", (c) => c.json({ deadLetters: parts.bus.deadLetters() }));
  app.post("/_local/dead-letters/replay", async (c) => {
    const body = ReplayRequest.safeParse(await c.req.json().catch(() => ({})));
    if (!body.success)
      return c.json(
        { error: { code: "invalid_request", message: z.prettifyError(body.error) } },
        400,
      );
    return c.json({ replayed: await parts.bus.replay(body.data.ids) });
  });
  return app;
}
