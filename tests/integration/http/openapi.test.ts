import type { SESv2Client } from "@aws-sdk/client-sesv2";
import { ApiRoutes } from "@sprida/functions/http/routes";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { TestClient } from "../../helpers/http";
import {
  expectNoStackTraces,
  observedApp,
  type SeenResponse,
  STACK_TRACE,
  sessionOf,
} from "../../helpers/http-flows";
import { type SeededOrg, seedOrganisation } from "../../helpers/identity";
import { provideTestRuntime } from "../../helpers/runtime";
import { startTestInbox, type TestInbox } from "../../helpers/test-inbox";

type Json = Record<string, unknown>;
type Operation = {
  operationId: string;
  summary: string;
  tags: string[];
  "x-access": Json;
  parameters: { name: string; in: string; required: boolean; schema: Json }[];
  requestBody?: { required: boolean; content: Record<string, { schema: Json }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Json }> }>;
  security?: Record<string, string[]>[];
};
type Document = {
  openapi: string;
  info: { title: string; version: string; description?: string };
  components: { securitySchemes: Record<string, Json> };
  paths: Record<string, Record<string, Operation>>;
};

const key = (route: { method: string; path: string }) =>
  `${route.method.toUpperCase()} ${route.path}`;
const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * The OpenAPI document describes every route of the API (generated from the same zod
 * schemas that validate requests), and no answer of the API carries a stack trace.
 */
describe("the OpenAPI document", () => {
  let inbox: TestInbox;
  let app: ReturnType<typeof observedApp>["app"];
  let seen: SeenResponse[];
  let document: Document;

  beforeAll(async () => {
    inbox = await startTestInbox();
    provideTestRuntime({ mail: inbox.client });
    const response = await observedApp().app.request("http://localhost:4000/api/openapi.json");
    document = (await response.json()) as Document;
  });
  afterAll(() => inbox?.stop());
  beforeEach(() => {
    ({ app, seen } = observedApp());
  });
  afterEach(() => expectNoStackTraces(seen));

  it("is served publicly as an OpenAPI 3.1 JSON document", async () => {
    // Act
    const response = await new TestClient(app).get("/api/openapi.json");

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const served = response.body as Document;
    expect(served.openapi).toMatch(/^3\.1\.\d+$/);
    expect(served.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(served.components.securitySchemes.session).toMatchObject({
      type: "apiKey",
      in: "cookie",
      name: "sprida_session",
    });
    expect(Object.keys(served.paths).length).toBeGreaterThan(0);
  });

  it("has exactly one operation per route, with unique operation ids and OpenAPI path templates", () => {
    // Act
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
    );

    // Assess
    expect(operations.map(({ method, path }) => `${method.toUpperCase()} ${path}`).sort()).toEqual(
      ApiRoutes.map((route) => key({ ...route, path: openApiPath(route.path) })).sort(),
    );
    for (const { path, method } of operations) {
      expect(METHODS).toContain(method);
      expect(path).toMatch(/^\/api\//);
      expect(path).not.toContain(":");
    }
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(ApiRoutes.map((route) => [key(route), route] as const))(
    "%s is described with its access level, its inputs, its success and its error schema",
    (_, route) => {
      // Act
      const operation = document.paths[openApiPath(route.path)]?.[route.method];

      // Assess
      expect(operation).toBeDefined();
      const op = operation as Operation;
      expect(op["x-access"]).toEqual(route.access);
      expect(op.summary).toBe(route.summary);
      const security = {
        public: undefined,
        session: [{ session: [] }],
        bearer: [{ bearer: [route.access.kind === "bearer" ? route.access.scope : ""] }],
        signed: [{ signature: [] }],
        link: [{ link: [] }],
      }[route.access.kind];
      expect(op.security).toEqual(security);
      for (const scheme of (op.security ?? []).flatMap(Object.keys)) {
        expect(document.components.securitySchemes[scheme]).toBeDefined();
      }

      if (route.body) {
        const type = {
          csv: "text/csv",
          form: "application/x-www-form-urlencoded",
          json: "application/json",
        }[route.bodyType ?? "json"];
        expect(op.requestBody?.required).toBe(true);
        expect(Object.keys(op.requestBody?.content ?? {})).toEqual([type]);
        const schema = op.requestBody?.content[type]?.schema ?? {};
        expect(schema.type ?? schema.anyOf ?? schema.allOf ?? schema.$ref).toBeDefined();
        if (type === "application/json") {
          expect(schema.type).toBe("object");
          expect(schema.additionalProperties).toBe(false);
        }
      } else {
        expect(op.requestBody).toBeUndefined();
      }

      const pathParameters = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
      for (const name of pathParameters) {
        expect(op.parameters).toContainEqual(
          expect.objectContaining({ name, in: "path", required: true }),
        );
      }
      for (const parameter of op.parameters) {
        expect(["path", "query"]).toContain(parameter.in);
        expect(parameter.schema).toBeTypeOf("object");
      }

      const success = op.responses[String(route.status ?? 200)];
      expect(success?.content?.["application/json"]?.schema).toBeTypeOf("object");
      const error = op.responses["4XX"]?.content?.["application/json"]?.schema as Json;
      expect(error).toMatchObject({
        type: "object",
        required: ["error"],
        properties: {
          error: {
            type: "object",
            required: expect.arrayContaining(["code", "message"]),
            properties: {
              code: { type: "string" },
              message: { type: "string" },
              issues: { type: "array" },
            },
          },
        },
      });
    },
  );

  describe("no API answer carries a stack trace", () => {
    let org: SeededOrg;

    beforeAll(async () => {
      org = await seedOrganisation("Traces");
    });

    const junkPath = (path: string) =>
      path.replace(/:([A-Za-z0-9_]+)/g, encodeURIComponent("../../etc/passwd\u0000"));

    it.each(ApiRoutes.map((route) => [key(route), route] as const))(
      "%s, called without a session and with an owner's session, with junk input",
      async (_, route) => {
        // Prepare: a fresh session each time (some routes end the caller's own).
        const sessions = [undefined, await sessionOf({ ...org.owner, orgId: org.orgId })];
        const path = `${junkPath(route.path)}?limit=-1&from=yesterday&locale=xx&q=%00`;

        // Act
        const answers = [];
        for (const session of sessions) {
          const client = new TestClient(app, session);
          answers.push(
            await client.request(route.method.toUpperCase(), path, {
              raw: route.method === "get" ? undefined : '{"a":',
            }),
          );
        }

        // Assess
        for (const answer of answers) {
          expect(answer.status, answer.text).toBeLessThan(500);
          expect(answer.text).not.toMatch(STACK_TRACE);
        }
      },
    );

    it("answers an unexpected failure with 500, a reference and no detail, on the API and on pages", async () => {
      // Prepare: the mail service fails with an error that names our source.
      const failingMail = {
        send: async () => {
          throw new Error("boom at sendMail (/work/main/packages/core/src/mail/send.ts:12:3)");
        },
        destroy: () => undefined,
      } as unknown as SESv2Client;
      const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
      provideTestRuntime({ mail: failingMail });
      try {
        // Act
        const api = await new TestClient(app).post("/api/auth/sign-in/request", {
          json: { email: org.member.email },
        });
        const page = await new TestClient(app).post("/sign-in/request", {
          form: { email: org.member.email },
        });

        // Assess
        expect(api.status).toBe(500);
        const correlationId = api.headers.get("x-correlation-id");
        expect(api.body).toEqual({
          error: { code: "internal", message: expect.stringContaining(String(correlationId)) },
        });
        expect(page.status).toBe(500);
        for (const answer of [api, page]) {
          expect(answer.text).not.toMatch(STACK_TRACE);
          expect(answer.text).not.toContain("boom");
        }
        expect(logged).toHaveBeenCalled();
      } finally {
        logged.mockRestore();
        provideTestRuntime({ mail: inbox.client });
      }
    });
  });
});
