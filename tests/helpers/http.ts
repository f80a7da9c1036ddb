/** Anything with Hono's `request`: the app under test. */
type App = { request(input: string, init?: RequestInit): Response | Promise<Response> };

export const TEST_ORIGIN = "http://localhost:4000";

export interface TestResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export interface RequestOptions {
  json?: unknown;
  /** A raw body sent as JSON (for malformed-JSON tests). */
  raw?: string;
  /** Raw bytes sent as JSON (for bodies that are not valid UTF-8). */
  bytes?: Uint8Array;
  csv?: string;
  form?: Record<string, string>;
  /** The Origin header; our own origin unless a test says otherwise (null = none). */
  origin?: string | null;
  headers?: Record<string, string>;
}

/**
 * A browser-like client for `app.request`: it keeps the session cookie it is given and sends
 * our Origin on state changes, so tests read like what a person's browser does.
 */
export class TestClient {
  private cookie: string | undefined;

  constructor(
    private readonly app: App,
    sessionToken?: string,
  ) {
    if (sessionToken) this.cookie = `sprida_session=${sessionToken}`;
  }

  get sessionCookie(): string | undefined {
    return this.cookie;
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    const origin = options.origin === undefined ? TEST_ORIGIN : options.origin;
    if (origin && method !== "GET") headers.origin = origin;
    if (this.cookie) headers.cookie = this.cookie;
    let body: string | Uint8Array | undefined;
    if (options.bytes !== undefined) {
      headers["content-type"] ??= "application/json";
      body = options.bytes;
    } else if (options.json !== undefined || options.raw !== undefined) {
      headers["content-type"] ??= "application/json";
      body = options.raw ?? JSON.stringify(options.json);
    } else if (options.csv !== undefined) {
      headers["content-type"] ??= "text/csv";
      body = options.csv;
    } else if (options.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(options.form).toString();
    }
    const response = await this.app.request(`${TEST_ORIGIN}${path}`, { method, headers, body });
    const setCookie = response.headers.get("set-cookie");
    // "sprida_session" on http://localhost, "__Host-sprida_session" on https.
    const session = setCookie ? /^((?:__Host-)?sprida_session)=([^;]*)/.exec(setCookie) : null;
    if (session) this.cookie = session[2] ? `${session[1]}=${session[2]}` : undefined;
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (a page).
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  get = (path: string, options?: RequestOptions) => this.request("GET", path, options);
  post = (path: string, options?: RequestOptions) => this.request("POST", path, options);
  patch = (path: string, options?: RequestOptions) => this.request("PATCH", path, options);
  put = (path: string, options?: RequestOptions) => this.request("PUT", path, options);
}
