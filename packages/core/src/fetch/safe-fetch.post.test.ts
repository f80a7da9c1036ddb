import type { IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../error";
import { checkUrl, fetchUrl, isAllowlisted, USER_AGENT } from "./safe-fetch";
import { answer, type Handler, startServer, type TestServer } from "./test-support";

interface Received {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

let site: TestServer;
let other: TestServer;
const received: Received[] = [];

const routes: Record<string, Handler> = {
  "/hook": answer(204, {}),
  "/moved": answer(307, { location: "/hook" }),
  "/to-other": (_request, response) => {
    response.writeHead(308, { location: `${other.origin}/steal` }).end();
  },
};

beforeAll(async () => {
  site = await startServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      (routes[request.url ?? ""] ?? answer(404, {}))(request, response);
    });
  });
  other = await startServer(answer(200, {}, "stolen"));
});
afterAll(async () => {
  await site.close();
  await other.close();
});

const allow = () => ({ allow: { hosts: [site.hostPort, other.hostPort] } });

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DomainError)) throw new Error(`Expected a DomainError, got ${error}`);
  return error;
}

describe("SafeFetch POST", () => {
  it("sends the body with its length and the caller's headers, and still says who it is", async () => {
    const body = JSON.stringify({ hello: "wörld" });
    const result = await fetchUrl(`${site.origin}/hook`, {
      ...allow(),
      method: "POST",
      body,
      headers: { "content-type": "application/json", "x-signature": "abc" },
    });
    expect(result.status).toBe(204);
    const last = received.at(-1);
    expect(last).toMatchObject({ method: "POST", path: "/hook", body });
    expect(last?.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
    expect(last?.headers["content-type"]).toBe("application/json");
    expect(last?.headers["x-signature"]).toBe("abc");
    expect(last?.headers["user-agent"]).toBe(USER_AGENT);
  });

  it("never follows a redirect with the body, not even to an allowlisted server", async () => {
    const before = received.length;
    for (const path of ["/moved", "/to-other"]) {
      const error = await failure(
        fetchUrl(`${site.origin}${path}`, { ...allow(), method: "POST", body: "{}" }),
      );
      expect(error.code).toBe("fetch_failed");
      expect(error.message).toMatch(/answered with a redirect \(30[78]\)/);
    }
    expect(received.length - before).toBe(2);
    expect(other.requests).toHaveLength(0);
  });

  it("keeps every address check: a private address is refused before anything is sent", async () => {
    const before = received.length;
    const error = await failure(fetchUrl(`${site.origin}/hook`, { method: "POST", body: "{}" }));
    expect(error.code).toBe("url_refused");
    expect(received.length).toBe(before);
  });

  it("refuses headers the fetcher owns, and a GET with a body", async () => {
    await expect(
      fetchUrl(`${site.origin}/hook`, { ...allow(), method: "POST", headers: { host: "evil" } }),
    ).rejects.toThrow(/does not take a "host" header/);
    await expect(
      fetchUrl(`${site.origin}/hook`, { ...allow(), headers: { "Content-Length": "1" } }),
    ).rejects.toThrow(/does not take/);
    await expect(fetchUrl(`${site.origin}/hook`, { ...allow(), body: "x" })).rejects.toThrow(
      /A GET sends no body/,
    );
  });
});

describe("checking an address without fetching it", () => {
  it("accepts an allowlisted server and refuses a private or malformed address, sending nothing", async () => {
    const before = received.length;
    await expect(checkUrl(`${site.origin}/hook`, allow())).resolves.toBeInstanceOf(URL);
    expect((await failure(checkUrl(`${site.origin}/hook`))).code).toBe("url_refused");
    expect((await failure(checkUrl("http://169.254.169.254/", allow()))).code).toBe("url_refused");
    expect((await failure(checkUrl("ftp://example.com/"))).message).toBe(
      "Only http and https addresses can be fetched, not ftp:",
    );
    expect((await failure(checkUrl("http://localhost/"))).code).toBe("url_refused");
    expect(received.length).toBe(before);
  });

  it("matches the allowlist on the exact host and port", () => {
    const hosts = { hosts: [site.hostPort] };
    expect(isAllowlisted(new URL(`${site.origin}/x`), hosts)).toBe(true);
    expect(isAllowlisted(new URL(`${other.origin}/x`), hosts)).toBe(false);
    expect(isAllowlisted(new URL(`${site.origin}/x`), undefined)).toBe(false);
  });
});
