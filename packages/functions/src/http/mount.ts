import { Auth } from "@sprida/core/auth";
import { Click } from "@sprida/core/click";
import { ROLE_RANK } from "@sprida/core/member";
import { Org } from "@sprida/core/org";
import { Runtime } from "@sprida/core/runtime";
import type { Context, Hono } from "hono";
import type { z } from "zod";
import type { AppEnv } from "./app";
import { type ClientAddressSource, clientKeyOf } from "./client-key";
import { ApiError, invalidInput } from "./errors";
import type { Caller, RouteDefinition } from "./route";
import { readSessionToken, writeSessionCookie } from "./session-cookie";

const JSON_LIMIT_BYTES = 64 * 1024;
const CSV_LIMIT_BYTES = 1024 * 1024;

/** Puts every route on the app with the same checks, in the same order, for all of them. */
export function mountRoutes(
  app: Hono<AppEnv>,
  routes: RouteDefinition[],
  clientAddress: ClientAddressSource,
) {
  for (const route of routes) {
    app.on(route.method.toUpperCase(), route.path, async (c) => {
      const caller = await authenticate(c, route);
      if (route.method !== "get") checkOrigin(c);
      const input = {
        body: await readBody(c, route),
        query: parse(route.query, c.req.query(), "query string"),
        params: parse(route.params, c.req.param(), "path"),
        caller,
        clientKey: await clientKeyOf(clientAddress(c), Runtime.use().now()),
        visitorFor: (orgId: string) =>
          Click.visitorOf(orgId, {
            address: clientAddress(c),
            userAgent: c.req.header("user-agent") ?? "",
          }),
        c,
      };
      const result = await route.handler(input);
      if (result instanceof Response) return result;
      return c.json(route.response.parse(result) as object, route.status ?? 200);
    });
  }
}

async function authenticate(c: Context, route: RouteDefinition): Promise<Caller | undefined> {
  if (route.access === "public") return undefined;
  const token = readSessionToken(c);
  const session = token ? await Auth.Session.resolve(token) : undefined;
  if (!session) throw new ApiError(401, "unauthenticated", "Sign in to continue");
  // The server moved the expiry forward: so does the cookie, or the browser drops it first.
  if (session.renewed && token) writeSessionCookie(c, token, session);
  if (ROLE_RANK[session.role] < ROLE_RANK[route.access]) {
    throw new ApiError(403, "forbidden", "Your role does not allow this");
  }
  const { sessionId, personId, orgId, memberId, role, startedBy } = session;
  return { sessionId, personId, orgId, memberId, role, startedBy };
}

/**
 * State changes must come from our own pages: the request's Origin must be one of the
 * deployment's origins (its own and the alternates an organisation may choose). Together with
 * SameSite=Lax this stops cross-site request forgery.
 */
export function checkOrigin(c: Context): void {
  const origin = c.req.header("origin");
  if (!origin || !Org.deploymentOrigins().includes(origin)) {
    throw new ApiError(403, "bad_origin", "This request must come from Sprida's own pages");
  }
}

async function readBody(c: Context, route: RouteDefinition): Promise<unknown> {
  const text = await readLimited(c, route.bodyType === "csv" ? CSV_LIMIT_BYTES : JSON_LIMIT_BYTES);
  // One rule for an empty body everywhere: no body and `{}` mean the same, whatever the route
  // (a route without a body accepts both; a JSON route reads both as `{}` and validates it).
  const empty = text.trim() === "" || (route.bodyType !== "csv" && isEmptyObject(text));
  if (!route.body) {
    if (!empty) throw new ApiError(400, "unexpected_body", "This request takes no body");
    return undefined;
  }
  if (empty && route.bodyType !== "csv") return parse(route.body, {}, "body");
  const type = c.req.header("content-type") ?? "";
  if (route.bodyType === "csv") {
    if (!/^text\/(csv|plain)\b/i.test(type)) {
      throw new ApiError(415, "unsupported_media_type", "Send the CSV as text/csv");
    }
    return parse(route.body, text, "body");
  }
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError(
      415,
      "unsupported_media_type",
      "Send JSON with Content-Type: application/json",
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The body is not valid JSON");
  }
  return parse(route.body, json, "body");
}

function isEmptyObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return (
      typeof value === "object" &&
      value !== null &&
      !Array.isArray(value) &&
      Object.keys(value).length === 0
    );
  } catch {
    return false;
  }
}

async function readLimited(c: Context, limit: number): Promise<string> {
  const declared = Number(c.req.header("content-length") ?? 0);
  if (declared > limit) throw tooLarge(limit);
  if (c.req.method === "GET" || c.req.method === "HEAD") return "";
  const buffer = await c.req.arrayBuffer();
  if (buffer.byteLength > limit) throw tooLarge(limit);
  // Fatal, not replacing: a bad byte silently turned into U+FFFD would be stored as text.
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch {
    throw new ApiError(400, "invalid_utf8", "The body is not valid UTF-8 text");
  }
}

function tooLarge(limit: number): ApiError {
  return new ApiError(
    413,
    "payload_too_large",
    `The body is larger than ${Math.round(limit / 1024)} KiB`,
  );
}

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(result.error, where);
  return result.data;
}
