import { MessageRejected, type SESv2Client } from "@aws-sdk/client-sesv2";
import { createApp } from "@sprida/functions/http";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { TestClient } from "../../helpers/http";
import { STACK_TRACE } from "../../helpers/http-flows";
import { type SeededOrg, seedOrganisation } from "../../helpers/identity";
import { provideTestRuntime } from "../../helpers/runtime";

const REQUEST_ID = "0f6b3c1a-93d2-4e55-8a0e-5b1c2d3e4f50";

/** SES in the sandbox: it names the recipient it refused, and the sender's address. */
function sandboxMail(): SESv2Client {
  return {
    send: async (command: { input: { Destination?: { ToAddresses?: string[] } } }) => {
      const [to] = command.input.Destination?.ToAddresses ?? [];
      throw new MessageRejected({
        message: `Email address is not verified. The following identities failed the check in region EU-NORTH-1: ${to}, sprida@example.test (from 198.51.100.23)`,
        $metadata: { httpStatusCode: 400, requestId: REQUEST_ID },
      });
    },
    destroy: () => undefined,
  } as unknown as SESv2Client;
}

/**
 * Unexpected errors reach the logs as codes and ids (the correlation id the visitor was
 * given included), never as an e-mail address, an IP address or a stack.
 */
describe("logging an unexpected error", () => {
  let org: SeededOrg;

  beforeAll(async () => {
    provideTestRuntime({ mail: sandboxMail() });
    org = await seedOrganisation("Logged");
  });
  afterEach(() => vi.restoreAllMocks());

  function capturedErrors() {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    });
    return lines;
  }

  it("logs an SES rejection naming the recipient without the address, under the reference the 500 gives", async () => {
    // Prepare
    const app = createApp({ clientAddress: () => "203.0.113.41" });
    const lines = capturedErrors();

    // Act
    const answer = await new TestClient(app).post("/api/auth/sign-in/request", {
      json: { email: org.member.email },
    });

    // Assess
    const correlationId = answer.headers.get("x-correlation-id") as string;
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({
      error: { code: "internal", message: `Something went wrong (reference ${correlationId})` },
    });
    expect(lines).toHaveLength(1);
    const logged = lines[0] as string;
    expect(JSON.parse(logged)).toEqual({
      level: "ERROR",
      message: "request failed",
      timestamp: expect.any(String),
      service: "sprida",
      correlationId,
      error: {
        name: "MessageRejected",
        fault: "client",
        httpStatusCode: 400,
        requestId: REQUEST_ID,
        message:
          "Email address is not verified. The following identities failed the check in region EU-NORTH-1: [email], [email] (from [address])",
      },
    });
    expect(logged).not.toContain(org.member.email);
    expect(logged).not.toMatch(/@|198\.51\.100\.23/);
    expect(logged).not.toMatch(STACK_TRACE);
  });

  it("logs the same way when the failure happens behind a page", async () => {
    // Prepare
    const app = createApp({ clientAddress: () => "203.0.113.42" });
    const lines = capturedErrors();

    // Act
    const page = await new TestClient(app).post("/sign-in/request", {
      form: { email: org.member.email },
    });

    // Assess
    expect(page.status).toBe(500);
    expect(page.text).not.toContain(org.member.email);
    expect(lines).toHaveLength(1);
    const logged = JSON.parse(lines[0] as string);
    expect(logged).toMatchObject({
      correlationId: page.headers.get("x-correlation-id"),
      page: "/sign-in/request",
      error: { name: "MessageRejected", requestId: REQUEST_ID },
    });
    expect(lines[0]).not.toMatch(/@|198\.51\.100\.23/);
  });
});
