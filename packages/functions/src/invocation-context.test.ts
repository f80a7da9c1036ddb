import { describe, expect, it } from "vitest";
import { invocationContext } from "./invocation-context";

const UUID = /^[0-9a-f-]{36}$/;

describe("the log context of a Lambda invocation", () => {
  it("is correlated by the Lambda request id when the event is not one of ours", () => {
    expect(invocationContext({ Records: [] }, { awsRequestId: "req-1" })).toEqual({
      correlationId: "req-1",
      eventId: undefined,
      orgId: undefined,
    });
  });

  it("names one of our events and keeps the correlation id of the request that published it", () => {
    const event = {
      detail: {
        properties: {},
        metadata: { eventId: "e-1", orgId: "org_1", correlationId: "request-1" },
      },
    };

    expect(invocationContext(event, { awsRequestId: "req-2" })).toEqual({
      correlationId: "request-1",
      eventId: "e-1",
      orgId: "org_1",
    });
  });

  it("gets a new correlation id where handlers are called without a Lambda context (locally)", () => {
    expect(invocationContext({}, undefined).correlationId).toMatch(UUID);
  });
});
