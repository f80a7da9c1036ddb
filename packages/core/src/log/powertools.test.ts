import type { Context } from "aws-lambda";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Log } from "./index";
import { powertoolsBackend } from "./powertools";

/** What the Lambda runtime hands a handler, as much of it as Powertools reads. */
const lambdaContext = {
  awsRequestId: "7d1c2f9e-0b7a-4c52-9d4e-3a1f0e6b2c44",
  functionName: "sprida-test-Api",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:eu-north-1:123456789012:function:sprida-test-Api",
  memoryLimitInMB: "1024",
} as unknown as Context;

afterEach(() => vi.restoreAllMocks());

/** Powertools writes through its own console to the process's streams, past any runtime patching. */
function capturedStreams(): string[] {
  const lines: string[] = [];
  const capture = (chunk: unknown) => {
    lines.push(...String(chunk).split("\n").filter(Boolean));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(capture);
  vi.spyOn(process.stderr, "write").mockImplementation(capture);
  return lines;
}

describe("the Lambda backend (Powertools)", () => {
  it("writes one JSON record with the same fields as locally, plus the invocation's", () => {
    const lines = capturedStreams();
    const previous = Log.useBackend(powertoolsBackend());
    try {
      Log.addLambdaContext(lambdaContext);
      Log.withContext({ correlationId: "c-1", orgId: "org_1" }, () =>
        Log.warn("sign-in.code.failure-budget-exhausted", {
          scope: "organisation",
          client: "203.0.113.41",
        }),
      );
    } finally {
      Log.useBackend(previous);
    }

    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0] as string);
    expect(record).toMatchObject({
      level: "WARN",
      message: "sign-in.code.failure-budget-exhausted",
      service: "sprida",
      correlationId: "c-1",
      orgId: "org_1",
      scope: "organisation",
      client: "[address]",
      function_request_id: lambdaContext.awsRequestId,
    });
    expect(new Date(record.timestamp).toISOString()).toBe(record.timestamp);
  });
});
