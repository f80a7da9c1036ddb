import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../error";
import { type FetchOptions, fetchUrl, USER_AGENT } from "./safe-fetch";
import { answer, type Handler, startServer, type TestServer } from "./test-support";

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DomainError)) throw new Error(`Expected a DomainError, got ${error}`);
  expect(error.kind).toBe("invalid");
  return error;
}

let site: TestServer;
/** Listens on 127.0.0.1 like `site`, but no test allowlists it. */
let other: TestServer;
let allow: FetchOptions;

const routes: Record<string, Handler> = {
  "/": answer(200, { "content-type": "text/html; charset=utf-8", "x-site": "yes" }, "<p>hello"),
  "/missing": answer(404, { "content-type": "text/plain" }, "no such page"),
  "/see-other": answer(303, { location: "/final" }),
  "/final": answer(200, { "content-type": "text/plain" }, "final"),
  "/loop": answer(302, { location: "/loop" }),
  "/to-javascript": answer(302, { location: "javascript:alert(1)" }),
  "/to-metadata": answer(302, { location: "http://169.254.169.254/latest/meta-data/" }),
  "/big": answer(200, { "content-type": "text/plain" }, "x".repeat(3000)),
  "/hang": () => {},
  "/slow-body": (_request, response) => {
    response.writeHead(200, { "content-type": "text/plain" });
    response.write("a start, and then nothing");
  },
  "/many-headers": (_request, response) => {
    for (let i = 0; i < 150; i++) response.setHeader(`x-header-${i}`, "1");
    response.end("ok");
  },
};

function route(): Handler {
  return (request, response) => {
    const path = request.url ?? "/";
    const chain = /^\/chain\/(\d+)$/.exec(path);
    if (chain) {
      const left = Number(chain[1]);
      if (left === 0)
        return answer(200, { "content-type": "text/plain" }, "end of chain")(request, response);
      return answer(302, { location: `/chain/${left - 1}` })(request, response);
    }
    if (path === "/to-other") {
      return answer(302, { location: `${other.origin}/secret` })(request, response);
    }
    if (path === "/to-localhost") {
      return answer(302, { location: `http://localhost:${other.hostPort.split(":")[1]}/` })(
        request,
        response,
      );
    }
    if (path === "/chunked") {
      response.writeHead(200, { "content-type": "text/plain" });
      for (let i = 0; i < 30; i++) response.write("y".repeat(100));
      return response.end();
    }
    if (path === "/gzip-bomb" || path === "/gzip-small") {
      const plain = path === "/gzip-bomb" ? Buffer.alloc(5 * 1024 * 1024) : Buffer.from("squeezed");
      response.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" });
      return response.end(gzipSync(plain));
    }
    (routes[path] ?? answer(404, {}, ""))(request, response);
  };
}

beforeAll(async () => {
  site = await startServer(route());
  other = await startServer(answer(200, { "content-type": "text/plain" }, "internal secret"));
  allow = { allow: { hosts: [site.hostPort] } };
});

afterAll(async () => {
  await site.close();
  await other.close();
});

describe("what SafeFetch refuses before it connects", () => {
  it.each([
    [
      "javascript:",
      "javascript:alert(1)",
      "Only http and https addresses can be fetched, not javascript:",
    ],
    [
      "data:",
      "data:text/html,<script>alert(1)</script>",
      "Only http and https addresses can be fetched, not data:",
    ],
    ["file:", "file:///etc/passwd", "Only http and https addresses can be fetched, not file:"],
    ["ftp:", "ftp://example.com/file", "Only http and https addresses can be fetched, not ftp:"],
    [
      "credentials",
      "https://admin:secret@example.com/",
      "Addresses with a user name or password in them are not fetched",
    ],
    ["no URL at all", "not a url", "That is not a valid web address"],
    ["a 5000-character URL", `https://example.com/${"a".repeat(5000)}`, "That address is too long"],
  ])("refuses %s", async (_label, url, message) => {
    const error = await refusal(fetchUrl(url));
    expect(error.code).toBe("url_refused");
    expect(error.message).toBe(message);
  });

  it("refuses 127.0.0.1 when the test has not allowlisted it, and never reaches the server", async () => {
    const error = await refusal(fetchUrl(`${other.origin}/secret`));
    expect(error.code).toBe("url_refused");
    expect(error.message).toBe(
      "That address points to this server itself, which Sprida never fetches",
    );
    expect(other.requests).toHaveLength(0);
  });

  it("refuses every other way of writing a loopback address", async () => {
    const port = other.hostPort.split(":")[1];
    for (const host of [
      "2130706433",
      "0x7f.0.0.1",
      "127.1",
      "[::ffff:127.0.0.1]",
      "[::ffff:7f00:1]",
      "[::ffff:0:7f00:1]",
      "[64:ff9b::7f00:1]",
      "[2002:7f00:1::1]",
      "0.0.0.0",
    ]) {
      const error = await refusal(fetchUrl(`http://${host}:${port}/secret`));
      expect(error.code, host).toBe("url_refused");
    }
    expect(other.requests).toHaveLength(0);
  });

  it("refuses a host name that resolves to a private address (localhost)", async () => {
    const error = await refusal(fetchUrl(`http://localhost:${other.hostPort.split(":")[1]}/`));
    expect(error.code).toBe("url_refused");
    expect(error.message).toBe(
      "localhost resolves to an address that points to this server itself, which Sprida never fetches",
    );
    expect(other.requests).toHaveLength(0);
  });

  it("refuses cloud metadata addresses, even when a test allowlists them", async () => {
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://[fd00:ec2::254]/latest/meta-data/",
      "http://[::ffff:169.254.169.254]/",
    ]) {
      const host = new URL(url).host;
      const error = await refusal(fetchUrl(url, { allow: { hosts: [`${host}:80`] } }));
      expect(error.code, url).toBe("url_refused");
      expect(error.message).toBe(
        "That address points to a cloud metadata service, which Sprida never fetches",
      );
    }
  });

  it("takes only exact host:port allowlist entries", async () => {
    await expect(fetchUrl(site.origin, { allow: { hosts: ["127.0.0.1"] } })).rejects.toThrow(
      /exact "host:port"/,
    );
  });
});

describe("what SafeFetch fetches", () => {
  it("fetches an allowlisted local server, saying who it is", async () => {
    const result = await fetchUrl(`${site.origin}/`, allow);
    expect(result).toMatchObject({
      finalUrl: `${site.origin}/`,
      status: 200,
      contentType: "text/html",
      truncated: false,
    });
    expect(result.body.toString()).toBe("<p>hello");
    expect(result.headers["x-site"]).toBe("yes");
    expect(result.headers["content-type"]).toBe("text/html; charset=utf-8");
    const sent = site.requests.at(-1)?.headers;
    expect(sent?.["user-agent"]).toBe(USER_AGENT);
    expect(USER_AGENT).toBe("SpridaBot/1.0 (+https://github.com/sprida)");
  });

  it("returns error statuses instead of throwing: the caller decides what a 404 means", async () => {
    const result = await fetchUrl(`${site.origin}/missing`, allow);
    expect(result.status).toBe(404);
    expect(result.body.toString()).toBe("no such page");
  });

  it("decompresses gzip answers", async () => {
    const result = await fetchUrl(`${site.origin}/gzip-small`, allow);
    expect(result.body.toString()).toBe("squeezed");
  });

  it("fetches IPv6 loopback [::1] only when allowlisted", async () => {
    const v6 = await startServer(answer(200, { "content-type": "text/plain" }, "six"), "::1");
    try {
      const refused = await refusal(fetchUrl(`${v6.origin}/`));
      expect(refused.code).toBe("url_refused");
      expect(v6.requests).toHaveLength(0);
      const result = await fetchUrl(`${v6.origin}/`, { allow: { hosts: [v6.hostPort] } });
      expect(result.body.toString()).toBe("six");
    } finally {
      await v6.close();
    }
  });

  it("says so when nothing listens on the port", async () => {
    const gone = await startServer(answer(200, {}));
    await gone.close();
    const error = await refusal(fetchUrl(`${gone.origin}/`, { allow: { hosts: [gone.hostPort] } }));
    expect(error.code).toBe("fetch_failed");
    expect(error.message).toBe(`${gone.hostPort} refused the connection`);
  });
});

describe("redirects, each hop checked again", () => {
  it("refuses a redirect from an allowlisted server to 127.0.0.1 on a port not allowlisted", async () => {
    const error = await refusal(fetchUrl(`${site.origin}/to-other`, allow));
    expect(error.code).toBe("url_refused");
    expect(error.message).toBe(
      "The address redirects somewhere Sprida does not go: That address points to this server itself, which Sprida never fetches",
    );
    expect(other.requests).toHaveLength(0);
  });

  it("refuses a redirect to a host name that resolves to a private address", async () => {
    const error = await refusal(fetchUrl(`${site.origin}/to-localhost`, allow));
    expect(error.code).toBe("url_refused");
    expect(other.requests).toHaveLength(0);
  });

  it("refuses a redirect to the metadata service or to a javascript: address", async () => {
    expect((await refusal(fetchUrl(`${site.origin}/to-metadata`, allow))).code).toBe("url_refused");
    const script = await refusal(fetchUrl(`${site.origin}/to-javascript`, allow));
    expect(script.code).toBe("url_refused");
    expect(script.message).toMatch(/not javascript:$/);
  });

  it("follows a relative redirect and reports the final address", async () => {
    const result = await fetchUrl(`${site.origin}/see-other`, allow);
    expect(result.finalUrl).toBe(`${site.origin}/final`);
    expect(result.body.toString()).toBe("final");
  });

  it("follows five redirects but not six", async () => {
    const five = await fetchUrl(`${site.origin}/chain/5`, allow);
    expect(five.body.toString()).toBe("end of chain");
    const six = await refusal(fetchUrl(`${site.origin}/chain/6`, allow));
    expect(six.code).toBe("fetch_failed");
    expect(six.message).toBe("The address redirects more than 5 times");
  });

  it("recognises a redirect loop", async () => {
    const error = await refusal(fetchUrl(`${site.origin}/loop`, allow));
    expect(error.code).toBe("fetch_failed");
    expect(error.message).toBe("The address redirects in a loop");
  });
});

describe("limits on size, headers and time", () => {
  it("refuses a body larger than the limit, announced or not", async () => {
    for (const path of ["/big", "/chunked"]) {
      const error = await refusal(fetchUrl(`${site.origin}${path}`, { ...allow, maxBytes: 1000 }));
      expect(error.code, path).toBe("too_large");
      expect(error.message).toBe("The answer is larger than 1000 bytes, more than Sprida reads");
    }
  });

  it("counts decompressed bytes, so a small gzip bomb is refused", async () => {
    const error = await refusal(fetchUrl(`${site.origin}/gzip-bomb`, allow));
    expect(error.code).toBe("too_large");
    expect(error.message).toBe("The answer is larger than 2 MB, more than Sprida reads");
  });

  it("keeps only the first bytes when asked to truncate instead", async () => {
    const result = await fetchUrl(`${site.origin}/chunked`, {
      ...allow,
      maxBytes: 1000,
      overflow: "truncate",
    });
    expect(result.truncated).toBe(true);
    expect(result.body).toHaveLength(1000);
  });

  it("refuses an answer with too many headers", async () => {
    const error = await refusal(fetchUrl(`${site.origin}/many-headers`, allow));
    expect(error.code).toBe("fetch_failed");
    expect(error.message).toBe(`${site.hostPort} answered with too many headers`);
  });

  it("gives up on a server that never answers, or never finishes, within the time limit", async () => {
    for (const path of ["/hang", "/slow-body"]) {
      const started = Date.now();
      const error = await refusal(fetchUrl(`${site.origin}${path}`, { ...allow, timeoutMs: 200 }));
      expect(error.code, path).toBe("timeout");
      expect(error.message).toBe(`${site.hostPort} did not answer within 0.2 seconds`);
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });
});
