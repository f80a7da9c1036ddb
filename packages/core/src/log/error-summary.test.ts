import { MessageRejected } from "@aws-sdk/client-sesv2";
import { describe, expect, it } from "vitest";
import { Errors } from "../error";
import { errorSummary } from "./error-summary";

/** What SES says in the sandbox when a recipient is not verified. */
function sesSandboxRejection() {
  return new MessageRejected({
    message:
      "Email address is not verified. The following identities failed the check in region EU-NORTH-1: anna.svensson@kund.example, <bo+test@kund.example>",
    $metadata: { httpStatusCode: 400, requestId: "5f0c4b1e-8d61-4b7e-9a3e-2f6f3d1c9a77" },
  });
}

describe("what a log line says about an error", () => {
  it("keeps an SES rejection's name, fault, status and request id, and no recipient", () => {
    const summary = errorSummary(sesSandboxRejection());

    expect(summary).toEqual({
      name: "MessageRejected",
      fault: "client",
      httpStatusCode: 400,
      requestId: "5f0c4b1e-8d61-4b7e-9a3e-2f6f3d1c9a77",
      message:
        "Email address is not verified. The following identities failed the check in region EU-NORTH-1: [email], <[email]>",
    });
    expect(JSON.stringify(summary)).not.toMatch(/@|svensson|bo\+test/);
  });

  it("removes IPv4 and IPv6 addresses, with or without a port, and leaves times alone", () => {
    const error = Object.assign(
      new Error(
        "connect ECONNREFUSED 10.0.0.8:443 (from 2001:db8::7, fe80::1:443, ::ffff:192.0.2.1) at 12:30:45",
      ),
      { code: "ECONNREFUSED" },
    );

    const summary = errorSummary(error);

    expect(summary).toEqual({
      name: "Error",
      code: "ECONNREFUSED",
      message:
        "connect ECONNREFUSED [address]:443 (from [address], [address], [address]) at 12:30:45",
    });
  });

  it("never includes a stack, even when the stack names a person", () => {
    const error = new Error("boom");
    error.stack = "Error: boom\n    at send (anna.svensson@kund.example)";

    expect(JSON.stringify(errorSummary(error))).not.toMatch(/stack|at send|svensson/);
  });

  it("keeps our domain error's code", () => {
    expect(errorSummary(Errors.invalid("fetch_failed", "We could not find feed.example"))).toEqual({
      name: "DomainError",
      code: "fetch_failed",
      message: "We could not find feed.example",
    });
  });

  it("summarises what an error wraps (ElectroDB wraps the SDK's error), the same way", () => {
    const wrapped = new Error("Error thrown by DynamoDB client", { cause: sesSandboxRejection() });

    const summary = errorSummary(wrapped);

    expect(summary.cause).toMatchObject({ name: "MessageRejected", httpStatusCode: 400 });
    expect(JSON.stringify(summary)).not.toContain("@");
  });

  it("logs a thrown string redacted, and anything else by its type only", () => {
    expect(errorSummary("no mailbox for eva@kund.example")).toEqual({
      name: "string",
      message: "no mailbox for [email]",
    });
    expect(errorSummary({ email: "eva@kund.example" })).toEqual({ name: "object" });
  });

  it("drops a code that is not a short identifier (it could be anything)", () => {
    const error = Object.assign(new Error("x"), { code: "eva@kund.example" });

    expect(errorSummary(error)).not.toHaveProperty("code");
  });
});
