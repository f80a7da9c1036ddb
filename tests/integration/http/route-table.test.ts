import type { Role } from "@sprida/core/member";
import { Member } from "@sprida/core/member";
import { Org } from "@sprida/core/org";
import { createApp } from "@sprida/functions/http";
import { PAGE_ROUTES } from "@sprida/functions/http/pages";
import { ApiRoutes } from "@sprida/functions/http/routes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../../helpers/http";
import { type SeededOrg, seedOrganisation } from "../../helpers/identity";
import { provideTestRuntime } from "../../helpers/runtime";
import { startTestInbox, type TestInbox } from "../../helpers/test-inbox";

/**
 * Walks the route table itself. Every route must appear in ROUTE_INPUTS below: a new route
 * without an entry fails here, so isolation, role and bad-input checks cover it from day one.
 */
type Input = {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  csv?: string;
};
type InputsFor = (victim: SeededOrg) => Input;

const ROUTE_INPUTS: Record<string, InputsFor> = {
  "GET /api/health": () => ({}),
  "GET /api/openapi.json": () => ({}),
  "POST /api/auth/sign-in/request": (v) => ({ body: { email: v.member.email } }),
  "POST /api/auth/sign-in/link": () => ({ body: { token: "x".repeat(43) } }),
  "POST /api/auth/sign-in/code": (v) => ({ body: { email: v.member.email, code: "123456" } }),
  "POST /api/auth/sign-out": () => ({}),
  "POST /api/auth/sign-out-everywhere": () => ({}),
  "GET /api/session": () => ({}),
  "POST /api/session/organisation": (v) => ({ body: { orgId: v.orgId } }),
  "GET /api/me/sessions": () => ({}),
  "POST /api/invites/describe": () => ({ body: { token: "y".repeat(43) } }),
  "POST /api/invites/accept": () => ({
    body: { token: "y".repeat(43), guidelinesVersion: 1, optIn: true },
  }),
  "GET /api/me": () => ({}),
  "PATCH /api/me": () => ({ body: { displayName: "Changed by the test" } }),
  "GET /api/me/export": () => ({}),
  "GET /api/me/recorded": () => ({}),
  "POST /api/me/leave": () => ({ body: { confirm: true } }),
  "GET /api/organisation": () => ({}),
  "GET /api/admin/organisation": () => ({}),
  "PATCH /api/admin/organisation": () => ({ body: { name: "Renamed by the test" } }),
  "POST /api/admin/organisation/guidelines": () => ({
    body: { text: "New guidelines from the test" },
  }),
  "GET /api/admin/members": (v) => ({ query: { q: v.member.email } }),
  "GET /api/admin/members/:memberId": (v) => ({ params: { memberId: v.member.memberId } }),
  "POST /api/admin/invites": (v) => ({ body: { email: v.member.email, role: "member" } }),
  "POST /api/admin/invites/csv": (v) => ({ csv: `email,role\n${v.member.email},member\n` }),
  "PATCH /api/admin/members/:memberId": (v) => ({
    params: { memberId: v.member.memberId },
    body: { role: "admin" },
  }),
  "POST /api/admin/members/:memberId/deactivate": (v) => ({
    params: { memberId: v.member.memberId },
  }),
  "POST /api/admin/members/:memberId/reactivate": (v) => ({
    params: { memberId: v.member.memberId },
  }),
  "GET /api/admin/member-counts": () => ({ query: { from: "2026-11-01", to: "2026-11-28" } }),
  "GET /api/admin/audit": () => ({}),
};

const key = (route: { method: string; path: string }) =>
  `${route.method.toUpperCase()} ${route.path}`;
const ROLES: Role[] = ["member", "curator", "admin", "owner"];

function pathOf(
  path: string,
  params: Record<string, string> = {},
  query: Record<string, string> = {},
) {
  const filled = path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? "x"),
  );
  const search = new URLSearchParams(query).toString();
  return search ? `${filled}?${search}` : filled;
}

function send(client: TestClient, method: string, path: string, input: Input) {
  return client.request(
    method,
    path,
    input.csv !== undefined ? { csv: input.csv } : { json: input.body },
  );
}

/** Everything org A holds that org B must never see or change. */
async function snapshot(org: SeededOrg) {
  const organisation = await Org.get(org.orgId);
  const members = await Member.list(org.orgId, { limit: 100 });
  return JSON.stringify({ organisation, members: members.members });
}

describe("the route table", () => {
  const app = createApp({ clientAddress: () => "198.51.100.7" });
  let victim: SeededOrg;
  let attacker: SeededOrg;

  let inbox: TestInbox;

  beforeAll(async () => {
    inbox = await startTestInbox();
    provideTestRuntime({ mail: inbox.client });
    victim = await seedOrganisation("Victim");
    attacker = await seedOrganisation("Attacker");
  }, 60_000);
  afterAll(() => inbox?.stop());

  it("lists every route and page, and every API route has inputs here", () => {
    const declared = new Set([...ApiRoutes.map(key), ...PAGE_ROUTES.map(key)]);
    const mounted = app.routes.filter((route) => route.method !== "ALL").map(key);
    expect(new Set(mounted)).toEqual(declared);
    expect(ApiRoutes.map(key).filter((route) => !(route in ROUTE_INPUTS))).toEqual([]);
  });

  it.each(
    ApiRoutes.filter((route) => route.access !== "public").map(
      (route) => [key(route), route] as const,
    ),
  )("%s refuses a caller without a session", async (_, route) => {
    const input = ROUTE_INPUTS[key(route)]?.(victim) ?? {};
    const response = await send(
      new TestClient(app),
      route.method.toUpperCase(),
      pathOf(route.path, input.params, input.query),
      input,
    );
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: { code: "unauthenticated" } });
  });

  it.each(
    ApiRoutes.filter((route) => route.access !== "public" && route.access !== "member").map(
      (route) => [key(route), route] as const,
    ),
  )("%s refuses every role below its own", async (_, route) => {
    const input = ROUTE_INPUTS[key(route)]?.(attacker) ?? {};
    const below = ROLES.slice(0, ROLES.indexOf(route.access as Role));
    for (const role of below) {
      const client = new TestClient(app, attacker[role].sessionToken);
      const response = await send(
        client,
        route.method.toUpperCase(),
        pathOf(route.path, input.params, input.query),
        input,
      );
      expect(response.status, role).toBe(403);
    }
  });

  it.each(
    ApiRoutes.filter((route) => route.access !== "public").map(
      (route) => [key(route), route] as const,
    ),
  )(
    "%s, called by another organisation's owner with this organisation's ids, neither reveals nor changes anything",
    async (_, route) => {
      const before = await snapshot(victim);
      const input = ROUTE_INPUTS[key(route)]?.(victim) ?? {};
      // A fresh session each time: some routes (sign out, leave) end the caller's own.
      const fresh = await seedOrganisation("Other");
      const client = new TestClient(app, fresh.owner.sessionToken);
      const response = await send(
        client,
        route.method.toUpperCase(),
        pathOf(route.path, input.params, input.query),
        input,
      );
      expect(response.status, response.text).toBeLessThan(500);
      const text = response.text;
      // What the caller sent itself (an address it invites) is no leak; everything else is.
      const sent = JSON.stringify(input);
      const secrets = [
        victim.member.email,
        victim.member.memberId,
        victim.owner.email,
        victim.name,
        victim.orgId,
      ];
      for (const secret of secrets.filter((s) => !sent.includes(s))) {
        expect(text, `${key(route)} leaked ${secret}`).not.toContain(secret);
      }
      expect(await snapshot(victim)).toBe(before);
    },
  );

  const withBody = ApiRoutes.filter((route) => route.body && route.bodyType !== "csv");
  const stateChanging = ApiRoutes.filter((route) => route.method !== "get");

  it.each(withBody.map((route) => [key(route), route] as const))(
    "%s answers malformed, mistyped, unknown, oversized and wrongly typed bodies with a 4xx and writes nothing",
    async (_, route) => {
      const before = await snapshot(attacker);
      const input = ROUTE_INPUTS[key(route)]?.(attacker) ?? {};
      const path = pathOf(route.path, input.params, input.query);
      const session = route.access === "public" ? undefined : attacker.owner.sessionToken;
      const client = () => new TestClient(app, session);
      const attempts = [
        { raw: "{ not json" },
        { raw: "[]" },
        { json: { ...(input.body as object), unexpectedField: true } },
        {
          json: Object.fromEntries(
            Object.keys(input.body as object).map((field) => [field, { nested: 1 }]),
          ),
        },
        { raw: JSON.stringify({ padding: "x".repeat(70 * 1024) }) },
        { raw: JSON.stringify(input.body), headers: { "content-type": "text/plain" } },
      ];
      for (const attempt of attempts) {
        const response = await client().request(route.method.toUpperCase(), path, attempt);
        expect(response.status, JSON.stringify(attempt).slice(0, 80)).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(response.body).toMatchObject({
          error: { code: expect.any(String), message: expect.any(String) },
        });
        expect(response.text).not.toMatch(/\bat .+:\d+:\d+|node_modules|\/work\//);
      }
      expect(await snapshot(attacker)).toBe(before);
    },
  );

  it.each(stateChanging.map((route) => [key(route), route] as const))(
    "%s refuses a state change without our Origin",
    async (_, route) => {
      const before = await snapshot(attacker);
      const input = ROUTE_INPUTS[key(route)]?.(attacker) ?? {};
      const path = pathOf(route.path, input.params, input.query);
      const session = route.access === "public" ? undefined : attacker.owner.sessionToken;
      for (const origin of [null, "https://evil.example"]) {
        const client = new TestClient(app, session);
        const body = input.csv !== undefined ? { csv: input.csv } : { json: input.body };
        const response = await client.request(route.method.toUpperCase(), path, {
          ...body,
          origin,
        });
        expect(response.status, String(origin)).toBe(403);
      }
      expect(await snapshot(attacker)).toBe(before);
    },
  );
});
