import { readConfig } from "../runtime/config";

/** The base URL of a running `npm start`, if one answers on SPRIDA_PORT. */
export async function runningServer(): Promise<string | undefined> {
  const config = readConfig();
  const base = `http://127.0.0.1:${config.SPRIDA_PORT}`;
  try {
    const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
    return response.status === 200 || response.status === 503 ? base : undefined;
  } catch {
    return undefined;
  }
}

export async function postJson(
  url: string,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: { error: { code: "not_json", message: text } } };
  }
}

/** The message of an API error body (`{ error: { message } }`), else the body as JSON. */
export function messageOf(body: unknown): string {
  const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === "string" ? message : JSON.stringify(body);
}
