import { MessageRejected } from "@aws-sdk/client-sesv2";
import { afterEach, describe, expect, it, vi } from "vitest";
import { lambda } from "./lambda";

afterEach(() => vi.restoreAllMocks());

describe("an error that escapes a Lambda handler", () => {
  it("reaches the Lambda runtime (its log, the dead-letter queue) by name and redacted message only", async () => {
    // Prepare
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: unknown) => lines.push(String(line)));
    const handler = lambda(async () => {
      throw new MessageRejected({
        message: "Email address is not verified: eva.lund@kund.example",
        $metadata: { httpStatusCode: 400, requestId: "req-1" },
      });
    });

    // Act
    const escaped = await handler({}).then(
      () => undefined,
      (error: unknown) => error as Error,
    );

    // Assess
    expect(escaped?.name).toBe("MessageRejected");
    expect(escaped?.message).toBe("Email address is not verified: [email]");
    expect(escaped?.stack).not.toContain("eva.lund");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      message: "invocation failed",
      error: { name: "MessageRejected", requestId: "req-1", httpStatusCode: 400 },
    });
    expect(lines[0]).not.toContain("eva.lund");
  });
});
