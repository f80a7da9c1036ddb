import * as dns from "node:dns";
import * as http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DomainError } from "../error";
import { fetchUrl } from "./safe-fetch";
import { answer, startServer, type TestServer } from "./test-support";

// Watch every way the fetcher can reach the network: name resolution and the request itself.
vi.mock("node:dns", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:dns")>();
  return { ...actual, promises: { ...actual.promises, lookup: vi.fn(actual.promises.lookup) } };
});
vi.mock("node:http", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:http")>();
  return { ...actual, request: vi.fn(actual.request) };
});
vi.mock("node:https", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:https")>();
  return { ...actual, request: vi.fn(actual.request) };
});

const lookup = vi.mocked(dns.promises.lookup);
const request = vi.mocked(http.request);

let site: TestServer;
beforeAll(async () => {
  site = await startServer(answer(200, { "content-type": "text/plain" }, "ok"));
});
afterAll(() => site.close());
beforeEach(() => {
  lookup.mockClear();
  request.mockClear();
});

describe("the connection goes to the address that was checked", () => {
  it("connects to the checked answer, never resolving the name a second time", async () => {
    // A name no real DNS knows: only the fetcher's own (mocked) resolution can answer it, so
    // if the connection resolved the name again (a rebinding window), it would fail.
    const port = site.hostPort.split(":")[1];
    const host = "rebinding.sprida.invalid";
    lookup.mockImplementationOnce((async () => [{ address: "127.0.0.1", family: 4 }]) as never);
    const result = await fetchUrl(`http://${host}:${port}/`, {
      allow: { hosts: [`${host}:${port}`] },
    });
    expect(result.body.toString()).toBe("ok");
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(site.requests.at(-1)?.headers.host).toBe(`${host}:${port}`);
  });

  it("refuses a name when any one of its addresses is private", async () => {
    lookup.mockImplementationOnce((async () => [
      { address: "93.184.215.14", family: 4 },
      { address: "10.0.0.8", family: 4 },
    ]) as never);
    const error = await fetchUrl("http://mixed.sprida.invalid/").catch((caught: unknown) => caught);
    expect((error as DomainError).code).toBe("url_refused");
    expect((error as DomainError).message).toBe(
      "mixed.sprida.invalid resolves to an address that points to a private network, which Sprida never fetches",
    );
    expect(request).not.toHaveBeenCalled();
  });
});

describe("refusals happen before any network access", () => {
  it("sees the network when a fetch does go out (so the silence below means something)", async () => {
    await fetchUrl(`http://localhost:${site.hostPort.split(":")[1]}/`, {
      allow: { hosts: [`localhost:${site.hostPort.split(":")[1]}`] },
    });
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledTimes(1);
  });

  it.each([
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://[fd00:ec2::254]/latest/meta-data/",
    "http://10.0.0.1/",
    "http://[::1]/",
  ])("refuses %s without resolving or connecting", async (url) => {
    const error = await fetchUrl(url).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("url_refused");
    expect(lookup).not.toHaveBeenCalled();
    expect(request).not.toHaveBeenCalled();
  });

  it("refuses a name that resolves to a private address after resolving it, without connecting", async () => {
    const error = await fetchUrl("http://localhost/").catch((caught: unknown) => caught);
    expect((error as DomainError).code).toBe("url_refused");
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(request).not.toHaveBeenCalled();
  });
});
