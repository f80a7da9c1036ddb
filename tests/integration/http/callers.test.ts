import { ApiToken, SigningKey } from "@sprida/core/auth";
import type { MembershipRef } from "@sprida/core/member";
import { type AppEnv, defineRoute, errorResponse, mountRoutes } from "@sprida/functions/http";
import {
  type BearerCaller,
  bearer,
  PUBLIC,
  type SessionCaller,
  type SignedCaller,
  session,
  signed,
} from "@sprida/functions/http/callers";
import { Hono } from "hono";
import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { TestClient } from "../../helpers/http";
import { type SeededOrg, seedOrganisation } from "../../helpers/identity";
import { provideTestRuntime } from "../../helpers/runtime";

const Body = z.strictObject({ value: z.number() });
const Seen = z.object({ kind: z.string(), orgId: z.string(), value: z.number() });

/**
 * Test-only routes, one per kind of caller. The handlers' `caller` types are asserted here:
 * they follow from each route's access, and only a public route's caller is undefined.
 */
const TestRoutes = [
  defineRoute({
    method: "post",
    path: "/test/scim",
    summary: "A bearer route",
    tag: "Test",
    access: bearer("scim"),
    body: Body,
    response: Seen,
    handler: ({ caller, body }) => {
      expectTypeOf(caller).toEqualTypeOf<BearerCaller>();
      return { kind: caller.kind, orgId: caller.orgId, value: body.value };
    },
  }),
  defineRoute({
    method: "post",
    path: "/test/conversions",
    summary: "A signed route",
    tag: "Test",
    access: signed(),
    body: Body,
    response: Seen,
    handler: ({ caller, body }) => {
      expectTypeOf(caller).toEqualTypeOf<SignedCaller>();
      return { kind: caller.kind, orgId: caller.orgId, value: body.value };
    },
  }),
  defineRoute({
    method: "post",
    path: "/test/session",
    summary: "A session route",
    tag: "Test",
    access: session("admin"),
    body: Body,
    response: Seen,
    handler: ({ caller, body }) => {
      expectTypeOf(caller).toEqualTypeOf<SessionCaller>();
      return { kind: caller.kind, orgId: caller.orgId, value: body.value };
    },
  }),
  defineRoute({
    method: "get",
    path: "/test/public",
    summary: "A public route",
    tag: "Test",
    access: PUBLIC,
    response: z.object({ anonymous: z.boolean() }),
    handler: ({ caller }) => {
      expectTypeOf(caller).toEqualTypeOf<undefined>();
      return { anonymous: caller === undefined };
    },
  }),
];

function testApp() {
  const app = new Hono<AppEnv>();
  mountRoutes(app, TestRoutes, () => "198.51.100.7");
  app.onError((error, c) => errorResponse(c, error));
  return app;
}

const asActor = (org: SeededOrg): MembershipRef => ({
  orgId: org.orgId,
  memberId: org.admin.memberId,
  personId: org.admin.personId,
  role: "admin",
  status: "active",
});

/** As a server sends it: no cookie, no Origin. */
const fromServer = (headers: Record<string, string>, raw: string) => ({
  raw,
  headers,
  origin: null,
});

describe("pluggable callers", () => {
  const app = testApp();
  let org: SeededOrg;
  let other: SeededOrg;

  beforeAll(async () => {
    provideTestRuntime();
    org = await seedOrganisation("Callers");
    other = await seedOrganisation("Others");
  }, 60_000);

  describe("a bearer route", () => {
    it("takes an organisation's API token with its scope, from a server without Origin", async () => {
      const token = await ApiToken.create(asActor(org), { name: "SCIM", scopes: ["scim"] });
      const response = await new TestClient(app).post(
        "/test/scim",
        fromServer({ authorization: `Bearer ${token.secret}` }, '{"value":1}'),
      );
      expect(response.status, response.text).toBe(200);
      expect(response.body).toEqual({ kind: "bearer", orgId: org.orgId, value: 1 });
    });

    it("refuses a missing, unknown or revoked token, and a session cookie, with 401", async () => {
      const token = await ApiToken.create(asActor(org), { name: "SCIM", scopes: ["scim"] });
      await ApiToken.revoke(asActor(org), token.tokenId);
      const live = await ApiToken.create(asActor(org), { name: "SCIM", scopes: ["scim"] });
      const attempts = [
        new TestClient(app).post("/test/scim", fromServer({}, '{"value":1}')),
        new TestClient(app).post(
          "/test/scim",
          fromServer({ authorization: `Bearer ${token.secret}` }, '{"value":1}'),
        ),
        new TestClient(app).post(
          "/test/scim",
          fromServer({ authorization: `Bearer ${live.secret.slice(0, -2)}xx` }, '{"value":1}'),
        ),
        new TestClient(app).post(
          "/test/scim",
          fromServer({ authorization: `Basic ${live.secret}` }, '{"value":1}'),
        ),
        new TestClient(app, org.owner.sessionToken).post("/test/scim", { json: { value: 1 } }),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status, response.text).toBe(401);
        expect(response.body).toMatchObject({ error: { code: "unauthenticated" } });
        expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      }
    });

    it("authenticates before it reads the body: a bad body with a good token is a 400", async () => {
      const token = await ApiToken.create(asActor(org), { name: "SCIM", scopes: ["scim"] });
      const response = await new TestClient(app).post(
        "/test/scim",
        fromServer({ authorization: `Bearer ${token.secret}` }, '{"value":"x"}'),
      );
      expect(response.status).toBe(400);
    });
  });

  describe("a signed route", () => {
    const signedBy = (key: { keyId: string; secret: string }, raw: string, at = new Date()) => {
      const t = Math.floor(at.getTime() / 1000);
      return fromServer(
        {
          "sprida-key-id": key.keyId,
          "sprida-signature": `t=${t},v1=${SigningKey.signature(key.secret, t, raw)}`,
        },
        raw,
      );
    };

    it("takes a request signed with an organisation's key over its raw body, without Origin", async () => {
      const key = await SigningKey.create(asActor(org), { name: "Shop" });
      // Whitespace is part of the signed bytes: the signature is over the body as sent.
      const raw = '{ "value": 2 }';
      const response = await new TestClient(app).post("/test/conversions", signedBy(key, raw));
      expect(response.status, response.text).toBe(200);
      expect(response.body).toEqual({ kind: "signed", orgId: org.orgId, value: 2 });
    });

    it("refuses an altered body, another organisation's key, an old timestamp and no signature, with 401", async () => {
      const key = await SigningKey.create(asActor(org), { name: "Shop" });
      const theirs = await SigningKey.create(asActor(other), { name: "Shop" });
      const good = signedBy(key, '{"value":2}');
      const sixMinutesAgo = new Date(Date.now() - 6 * 60_000);
      const attempts = [
        { ...good, raw: '{"value":3}' },
        {
          ...signedBy(theirs, '{"value":2}'),
          headers: { ...signedBy(theirs, '{"value":2}').headers, "sprida-key-id": key.keyId },
        },
        signedBy(key, '{"value":2}', sixMinutesAgo),
        fromServer({ "sprida-key-id": key.keyId }, '{"value":2}'),
        fromServer({}, '{"value":2}'),
      ];
      for (const attempt of attempts) {
        const response = await new TestClient(app).post("/test/conversions", attempt);
        expect(response.status, response.text).toBe(401);
        expect(response.body).toMatchObject({ error: { code: "unauthenticated" } });
      }
    });

    it("parses the body only after the signature verified: a signed bad body is a 400", async () => {
      const key = await SigningKey.create(asActor(org), { name: "Shop" });
      const response = await new TestClient(app).post(
        "/test/conversions",
        signedBy(key, '{"value":"x"}'),
      );
      expect(response.status).toBe(400);
    });
  });

  describe("a session route", () => {
    it("keeps its Origin check and its role check; a bearer token is no session", async () => {
      const token = await ApiToken.create(asActor(org), { name: "SCIM", scopes: ["scim"] });
      const admin = new TestClient(app, org.admin.sessionToken);
      expect((await admin.post("/test/session", { json: { value: 1 } })).body).toEqual({
        kind: "session",
        orgId: org.orgId,
        value: 1,
      });
      const noOrigin = await admin.post("/test/session", { json: { value: 1 }, origin: null });
      expect(noOrigin.status).toBe(403);
      const member = new TestClient(app, org.member.sessionToken);
      expect((await member.post("/test/session", { json: { value: 1 } })).status).toBe(403);
      const server = await new TestClient(app).post(
        "/test/session",
        fromServer({ authorization: `Bearer ${token.secret}` }, '{"value":1}'),
      );
      expect(server.status).toBe(401);
    });

    it("leaves a public route's caller undefined", async () => {
      expect((await new TestClient(app).get("/test/public")).body).toEqual({ anonymous: true });
    });
  });
});
