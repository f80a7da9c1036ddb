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
import {
  type Fixtures,
  type Input,
  inputFor,
  prepareFixtures,
  ROUTES_WITH_INPUTS,
  snapshotAreas,
} from "./route-inputs";

/**
 * Walks the route table itself. Every route must have inputs in ./route-inputs: a new route
 * without an entry fails here, so isolation, role and bad-input checks cover it from day one.
 */
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
  return JSON.stringify({
    organisation,
    members: members.members,
    areas: await snapshotAreas(org),
  });
}

describe("the route table", () => {
  const app = createApp({ clientAddress: () => "198.51.100.7" });
  let victim: SeededOrg;
  let attacker: SeededOrg;
  let victimFixtures: Fixtures;
  let attackerFixtures: Fixtures;

  let inbox: TestInbox;

  beforeAll(async () => {
    inbox = await startTestInbox();
    provideTestRuntime({ mail: inbox.client });
    victim = await seedOrganisation("Victim");
    attacker = await seedOrganisation("Attacker");
    victimFixtures = await prepareFixtures(victim);
    attackerFixtures = await prepareFixtures(attacker);
  }, 60_000);
  afterAll(() => inbox?.stop());

  it("lists every route and page, and every API route has inputs here", () => {
    const declared = new Set([...ApiRoutes.map(key), ...PAGE_ROUTES.map(key)]);
    const mounted = app.routes.filter((route) => route.method !== "ALL").map(key);
    expect(new Set(mounted)).toEqual(declared);
    expect(ApiRoutes.map(key).filter((route) => !ROUTES_WITH_INPUTS.has(route))).toEqual([]);
  });

  /** The routes a browser calls with its session cookie. */
  const sessionRoutes = ApiRoutes.flatMap((route) =>
    route.access.kind === "session" ? [{ ...route, access: route.access }] : [],
  );

  it.each(
    ApiRoutes.filter((route) => route.access.kind !== "public").map(
      (route) => [key(route), route] as const,
    ),
  )("%s refuses a caller without a session, token or signature", async (_, route) => {
    const input = inputFor(key(route), victim, victimFixtures);
    // A signed link's credential is its token: without it, nobody.
    if (route.access.kind === "link") delete input.query?.token;
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
    sessionRoutes
      .filter((route) => route.access.role !== "member")
      .map((route) => [key(route), route] as const),
  )("%s refuses every role below its own", async (_, route) => {
    const input = inputFor(key(route), attacker, attackerFixtures);
    const below = ROLES.slice(0, ROLES.indexOf(route.access.role));
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

  it.each(sessionRoutes.map((route) => [key(route), route] as const))(
    "%s, called by another organisation's owner with this organisation's ids, neither reveals nor changes anything",
    async (_, route) => {
      const before = await snapshot(victim);
      const input = inputFor(key(route), victim, victimFixtures);
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
  // Servers (bearer, signed) send no Origin: the check is the browser's callers' alone.
  const stateChanging = ApiRoutes.filter(
    (route) =>
      route.method !== "get" && (route.access.kind === "session" || route.access.kind === "public"),
  );

  it.each(withBody.map((route) => [key(route), route] as const))(
    "%s answers malformed, mistyped, unknown, oversized and wrongly typed bodies with a 4xx and writes nothing",
    async (_, route) => {
      const before = await snapshot(attacker);
      const input = inputFor(key(route), attacker, attackerFixtures);
      const path = pathOf(route.path, input.params, input.query);
      const session = route.access.kind === "session" ? attacker.owner.sessionToken : undefined;
      const client = () => new TestClient(app, session);
      const attempts = [
        { raw: "{ not json" },
        { raw: "[]" },
        { bytes: Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]) },
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
      const input = inputFor(key(route), attacker, attackerFixtures);
      const path = pathOf(route.path, input.params, input.query);
      const session = route.access.kind === "session" ? attacker.owner.sessionToken : undefined;
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
