import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Runtime } from "@sprida/core/runtime";
import { Webhook } from "@sprida/core/webhook";
import { refOf } from "./content";
import type { AreaInputs, Fixtures } from "./types";

let server: Promise<string> | undefined;

/** A local receiver the route-table runtime may reach (added to the runtime's allowlist). */
function localReceiver(): Promise<string> {
  server ??= new Promise((resolve) => {
    const http: Server = createServer((request, response) => {
      request.resume();
      request.on("end", () => response.writeHead(204).end());
    });
    http.listen(0, "127.0.0.1", () => {
      const host = `127.0.0.1:${(http.address() as AddressInfo).port}`;
      http.unref();
      resolve(host);
    });
  });
  return server;
}

function fixture(fixtures: Fixtures): string {
  const id = fixtures.webhookId;
  if (!id) throw new Error("No webhookId: WebhookRouteInputs.prepare did not run for this org");
  return id;
}

async function allowlisted(): Promise<string> {
  const host = await localReceiver();
  const runtime = Runtime.use();
  runtime.fetchAllowlist = [...new Set([...(runtime.fetchAllowlist ?? []), host])];
  return host;
}

/** Inputs for the webhook routes (issue 5), aimed at the target's own webhook. */
export const WebhookRouteInputs: AreaInputs = {
  async prepare(org) {
    const host = await allowlisted();
    const created = await Webhook.create(refOf(org), {
      url: `http://${host}/prepared`,
      events: ["link.clicked"],
    });
    return { webhookId: created.webhookId, webhookHost: host };
  },
  routes: {
    "GET /api/webhooks": () => ({}),
    "POST /api/webhooks": (_, f) => ({
      body: { url: `http://${f.webhookHost}/created`, events: ["share.confirmed"] },
    }),
    "GET /api/webhooks/:webhookId": (_, f) => ({ params: { webhookId: fixture(f) } }),
    "PATCH /api/webhooks/:webhookId": (_, f) => ({
      params: { webhookId: fixture(f) },
      body: { description: "Changed by the route-table test" },
    }),
    "DELETE /api/webhooks/:webhookId": (_, f) => ({ params: { webhookId: fixture(f) } }),
    "POST /api/webhooks/:webhookId/rotate-secret": (_, f) => ({
      params: { webhookId: fixture(f) },
      body: { overlapHours: 1 },
    }),
    "POST /api/webhooks/:webhookId/test": (_, f) => ({ params: { webhookId: fixture(f) } }),
    "GET /api/webhooks/:webhookId/deliveries": (_, f) => ({
      params: { webhookId: fixture(f) },
      query: { limit: "10" },
    }),
  },
  async snapshot(org) {
    const owner = refOf(org);
    const webhooks = await Webhook.list(owner);
    const deliveries = await Promise.all(
      webhooks.map((webhook) => Webhook.deliveries(owner, webhook.webhookId)),
    );
    return { webhooks, deliveries };
  },
};
