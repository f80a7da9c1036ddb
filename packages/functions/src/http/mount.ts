import { Click } from "@sprida/core/click";
import { Runtime } from "@sprida/core/runtime";
import type { Context, Hono } from "hono";
import type { z } from "zod";
import type { AppEnv } from "./app";
import { authenticate } from "./callers";
import { type ClientAddressSource, clientKeyOf } from "./client-key";
import { ApiError, invalidInput } from "./errors";
import type { RouteDefinition } from "./route";

export { checkOrigin } from "./callers";

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
      // Read once, within the limit: a signed request's authenticator needs the raw bytes.
      let raw: Promise<string> | undefined;
      const rawBody = () => {
        raw ??= readLimited(c, route.bodyType === "csv" ? CSV_LIMIT_BYTES : JSON_LIMIT_BYTES);
        return raw;
      };
      const caller = await authenticate(c, route.access, rawBody);
      const input = {
        body: await readBody(c, route, await rawBody()),
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

async function readBody(c: Context, route: RouteDefinition, text: string): Promise<unknown> {
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
  if (route.bodyType === "form") {
    if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
      throw new ApiError(
        415,
        "unsupported_media_type",
        "Send the form as application/x-www-form-urlencoded",
      );
    }
    return parse(route.body, Object.fromEntries(new URLSearchParams(text)), "body");
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
