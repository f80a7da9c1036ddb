import type { paths } from "@sprida/web/api-types";
import createClient, { type Client } from "openapi-fetch";
import { TEST_ORIGIN } from "./http";

/** Anything with Hono's `request`: the app under test (as `TestClient` takes it). */
type App = { request(input: string, init?: RequestInit): Response | Promise<Response> };

export type ApiClient = Client<paths> & {
  /** The session cookie the client holds now (set by sign-in, cleared by sign-out). */
  readonly sessionCookie: string | undefined;
};

/**
 * A typed client of the API, from the types generated from its OpenAPI document: paths,
 * parameters, bodies and answers are checked by the compiler. Like `TestClient` it behaves
 * like a person's browser: it keeps the session cookie and sends our Origin on state changes
 * (`origin: null` to leave it out).
 */
export function apiClient(
  app: App,
  options: { sessionToken?: string; origin?: string | null } = {},
): ApiClient {
  let cookie = options.sessionToken ? `sprida_session=${options.sessionToken}` : undefined;
  const origin = options.origin === undefined ? TEST_ORIGIN : options.origin;
  const client = createClient<paths>({
    baseUrl: TEST_ORIGIN,
    fetch: async (request) =>
      app.request(request.url, {
        method: request.method,
        headers: request.headers,
        body: ["GET", "HEAD"].includes(request.method) ? undefined : await request.text(),
      }),
  });
  client.use({
    onRequest({ request }) {
      if (cookie) request.headers.set("cookie", cookie);
      if (origin && request.method !== "GET") request.headers.set("origin", origin);
      return request;
    },
    onResponse({ response }) {
      const setCookie = response.headers.get("set-cookie");
      // "sprida_session" on http://localhost, "__Host-sprida_session" on https.
      const session = setCookie ? /^((?:__Host-)?sprida_session)=([^;]*)/.exec(setCookie) : null;
      if (session) cookie = session[2] ? `${session[1]}=${session[2]}` : undefined;
      return response;
    },
  });
  return Object.defineProperty(client, "sessionCookie", { get: () => cookie }) as ApiClient;
}
