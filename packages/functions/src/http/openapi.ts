import { z } from "zod";
import type { Access } from "./callers";
import { KEY_ID_HEADER, SIGNATURE_HEADER } from "./callers/signed";
import { ErrorBody } from "./errors";
import type { RouteDefinition } from "./route";

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
  }) as JsonSchema;
  return rest;
}

/** OpenAPI path syntax: Hono's `:memberId` is `{memberId}`. */
const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");

function parametersOf(route: RouteDefinition) {
  const parameters: JsonSchema[] = [];
  for (const [where, schema] of [
    ["path", route.params],
    ["query", route.query],
  ] as const) {
    if (!schema) continue;
    const properties = (schemaOf(schema, "input").properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((schemaOf(schema, "input").required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries(properties)) {
      parameters.push({
        name,
        in: where,
        required: where === "path" || required.has(name),
        schema: property,
      });
    }
  }
  return parameters;
}

const errorResponses = {
  "4XX": {
    description: "A request the server will not act on",
    content: { "application/json": { schema: schemaOf(ErrorBody, "output") } },
  },
};

/** How each kind of caller authenticates, as OpenAPI security schemes. */
const securitySchemes = {
  session: { type: "apiKey", in: "cookie", name: "sprida_session" },
  bearer: { type: "http", scheme: "bearer", description: "An organisation's API token" },
  signature: {
    type: "apiKey",
    in: "header",
    name: SIGNATURE_HEADER,
    description: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">, with the key named in ${KEY_ID_HEADER}; t within five minutes`,
  },
  link: {
    type: "apiKey",
    in: "query",
    name: "token",
    description: "The signed token of a link in one of our e-mails (unsubscribe)",
  },
};

const securityOf = (access: Access): Record<string, string[]>[] | undefined => {
  switch (access.kind) {
    case "public":
      return undefined;
    case "session":
      return [{ session: [] }];
    case "bearer":
      return [{ bearer: [access.scope] }];
    case "signed":
      return [{ signature: [] }];
    case "link":
      return [{ link: [] }];
  }
};

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function openApiDocument(routes: RouteDefinition[], info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operation: JsonSchema = {
      operationId: `${route.method}_${route.path.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_|_$/g, "")}`,
      summary: route.summary,
      tags: [route.tag],
      "x-access": route.access,
      parameters: parametersOf(route),
      responses: {
        [String(route.status ?? 200)]: {
          description: "Success",
          content: { "application/json": { schema: schemaOf(route.response, "output") } },
        },
        ...errorResponses,
      },
    };
    const security = securityOf(route.access);
    if (security) operation.security = security;
    if (route.body) {
      const type = {
        csv: "text/csv",
        form: "application/x-www-form-urlencoded",
        json: "application/json",
      }[route.bodyType ?? "json"];
      operation.requestBody = {
        required: true,
        content: { [type]: { schema: schemaOf(route.body, "input") } },
      };
    }
    paths[openApiPath(route.path)] = {
      ...paths[openApiPath(route.path)],
      [route.method]: operation,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Sprida API",
      version: info.version,
      description:
        "JSON over HTTPS. Errors are { error: { code, message, issues? } } with a 4xx status. " +
        "Signed-in routes use the session cookie, and their state changes must carry our Origin; " +
        "server-to-server routes take an API token (bearer) or a signed request (signature).",
    },
    components: { securitySchemes },
    paths,
  };
}
