import { randomUUID } from "node:crypto";
import { marshall } from "@aws-sdk/util-dynamodb";
import { Tally } from "@sprida/core/tally";
import { provideTestRuntime } from "@sprida/testing/runtime";
import type { DynamoDBRecord } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { handler } from "./tally";

const DAY = "2026-11-28";

function ledgerInsert(
  orgId: string,
  sequenceNumber: string,
  image?: Record<string, unknown>,
): DynamoDBRecord {
  const item = image ?? {
    partition: `p-${orgId}`,
    eventId: randomUUID(),
    orgId,
    name: "probe.sent",
    properties: { probeId: randomUUID() },
    occurredAt: `${DAY}T08:00:00.000Z`,
    __edb_e__: "ledgerEvent",
  };
  return {
    eventID: randomUUID(),
    eventName: "INSERT",
    eventSource: "aws:dynamodb",
    dynamodb: {
      SequenceNumber: sequenceNumber,
      NewImage: marshall(item) as never,
      StreamViewType: "NEW_AND_OLD_IMAGES",
    },
  };
}

describe("tally stream handler", () => {
  beforeAll(() => provideTestRuntime());

  it("counts a batch and reports nothing failed", async () => {
    const org = `org-${randomUUID()}`;
    const response = await handler({ Records: [ledgerInsert(org, "1"), ledgerInsert(org, "2")] });
    expect(response).toEqual({ batchItemFailures: [] });
    expect((await Tally.orgDay(org, DAY)).probes).toBe(2);
  });

  it("applies the records before an unreadable one and fails from it on", async () => {
    const org = `org-${randomUUID()}`;
    const response = await handler({
      Records: [
        ledgerInsert(org, "1"),
        ledgerInsert(org, "2", { nonsense: true }),
        ledgerInsert(org, "3"),
      ],
    });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: "2" }] });
    expect((await Tally.orgDay(org, DAY)).probes).toBe(1);
  });
});
