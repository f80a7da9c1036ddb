import { provideTestRuntime } from "@sprida/testing/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { FRONT_DOOR_HEADER, frontDoorGate } from "./front-door";
import { frontDoorHandler } from "./handler";

const SECRET = "s3cret-from-secrets-manager-0123456789";

/** A function URL request (payload format 2.0), as CloudFront sends it to the front door. */
function request(headers: Record<string, string>) {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: "/api/health",
    rawQueryString: "",
    headers: { host: "abc.lambda-url.eu-north-1.on.aws", ...headers },
    requestContext: {
      accountId: "anonymous",
      apiId: "abc",
      domainName: "abc.lambda-url.eu-north-1.on.aws",
      domainPrefix: "abc",
      http: {
        method: "GET",
        path: "/api/health",
        protocol: "HTTP/1.1",
        sourceIp: "192.0.2.1",
        userAgent: "test",
      },
      requestId: "r-1",
      routeKey: "$default",
      stage: "$default",
      time: "04/Dec/2026:10:00:00 +0000",
      timeEpoch: 0,
    },
    isBase64Encoded: false,
  };
}

describe("the front door's secret header", () => {
  it("admits the secret only, reads it once, and again at most once a minute after a mismatch", async () => {
    let secret = SECRET;
    let reads = 0;
    let clock = 0;
    const admits = frontDoorGate(
      "/aws/reference/secretsmanager/front-door",
      async () => {
        reads += 1;
        return secret;
      },
      () => clock,
    );
    expect(await admits(undefined)).toBe(false);
    expect(reads, "no header, no read").toBe(0);
    expect(await admits(SECRET)).toBe(true);
    expect(await admits(`${SECRET}x`)).toBe(false);
    expect(await admits(SECRET.slice(0, -1))).toBe(false);
    expect(await admits(SECRET)).toBe(true);
    expect(reads).toBe(1);

    // Rotated: the new value is accepted once a minute has passed since the last read.
    secret = "rotated-secret-9876543210";
    expect(await admits("rotated-secret-9876543210")).toBe(false);
    clock += 61_000;
    expect(await admits("rotated-secret-9876543210")).toBe(true);
    expect(await admits(SECRET)).toBe(false);
    expect(reads).toBe(2);
  });

  it("reads again after a failed read", async () => {
    let fail = true;
    const admits = frontDoorGate("name", async () => {
      if (fail) throw new Error("throttled");
      return SECRET;
    });
    await expect(admits(SECRET)).rejects.toThrow("throttled");
    fail = false;
    expect(await admits(SECRET)).toBe(true);
  });
});

describe("the front-door function", () => {
  beforeAll(() => {
    provideTestRuntime();
  });

  const handler = frontDoorHandler(async (given) => given === SECRET);
  const context = {} as Parameters<typeof handler>[1];

  it("serves the app to requests that carry the secret, and refuses every other with a JSON 403", async () => {
    const through = await handler(request({ [FRONT_DOOR_HEADER]: SECRET }) as never, context);
    expect(through).toMatchObject({ statusCode: 200 });
    expect(JSON.parse((through as { body: string }).body)).toMatchObject({ status: "ok" });

    const without: Record<string, string>[] = [{}, { [FRONT_DOOR_HEADER]: "guess" }];
    for (const headers of without) {
      const refused = await handler(request(headers) as never, context);
      expect(refused).toMatchObject({ statusCode: 403 });
      expect(JSON.parse((refused as { body: string }).body)).toEqual({
        error: { code: "forbidden", message: expect.any(String) },
      });
    }
  });
});
