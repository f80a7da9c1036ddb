import type { DynamoDBRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { type DeliveryHooks, type DeliveryPolicy, deliverInOrder } from "./batch-delivery";
import { interpretResponse } from "./batch-response";

function records(count: number, createdAt = Math.floor(Date.now() / 1000)): DynamoDBRecord[] {
  return Array.from({ length: count }, (_, index) => ({
    eventName: "INSERT",
    dynamodb: { SequenceNumber: String(100 + index), ApproximateCreationDateTime: createdAt },
  }));
}

const seq = (batch: DynamoDBRecord[]) => batch.map((record) => record.dynamodb?.SequenceNumber);

const policy: DeliveryPolicy = {
  maximumRetryAttempts: 2,
  maximumRecordAgeSeconds: -1,
  bisectBatchOnError: false,
  retryBackoff: { initialMs: 1, maxMs: 2 },
};

function recorder(invoke: DeliveryHooks["invoke"], signal = new AbortController().signal) {
  const log = { delivered: 0, failed: 0, deadLettered: [] as (string | undefined)[][] };
  const hooks: DeliveryHooks = {
    invoke,
    deadLetter: async (batch) => {
      log.deadLettered.push(seq(batch));
    },
    onDelivered: (count) => {
      log.delivered += count;
    },
    onFailedInvocation: () => {
      log.failed += 1;
    },
    signal,
  };
  return { log, hooks };
}

describe("interpretResponse", () => {
  const batch = records(3);
  it("treats nothing, null and empty lists as success", () => {
    for (const response of [
      undefined,
      null,
      {},
      { batchItemFailures: [] },
      { batchItemFailures: null },
    ]) {
      expect(interpretResponse(response, batch)).toEqual({ kind: "success" });
    }
  });
  it("retries from the lowest reported sequence number", () => {
    const response = { batchItemFailures: [{ itemIdentifier: "102" }, { itemIdentifier: "101" }] };
    expect(interpretResponse(response, batch)).toMatchObject({ kind: "partial", failedIndex: 1 });
  });
  it("fails the whole batch on an empty, null or unknown identifier", () => {
    for (const itemIdentifier of ["", null, "999"]) {
      const response = { batchItemFailures: [{ itemIdentifier }] };
      expect(interpretResponse(response, batch).kind).toBe("failure");
    }
  });
});

describe("deliverInOrder", () => {
  it("gives up after the retries and dead-letters what still fails", async () => {
    let calls = 0;
    const { log, hooks } = recorder(async () => {
      calls += 1;
      throw new Error("down");
    });
    expect(await deliverInOrder(records(3), policy, hooks)).toBe(3);
    expect(calls).toBe(3);
    expect(log).toEqual({ delivered: 0, failed: 3, deadLettered: [["100", "101", "102"]] });
  });

  it("dead-letters only the remainder after partial successes", async () => {
    const { log, hooks } = recorder(async () => ({
      batchItemFailures: [{ itemIdentifier: "101" }],
    }));
    expect(await deliverInOrder(records(3), policy, hooks)).toBe(3);
    expect(log).toEqual({ delivered: 1, failed: 3, deadLettered: [["101", "102"]] });
  });

  it("bisects down to the poison record without spending its retries on splits", async () => {
    const batches: (string | undefined)[][] = [];
    const { log, hooks } = recorder(async (event) => {
      batches.push(seq(event.Records));
      if (seq(event.Records).includes("105")) throw new Error("poison");
    });
    const settled = await deliverInOrder(
      records(8),
      { ...policy, bisectBatchOnError: true },
      hooks,
    );
    expect(settled).toBe(8);
    expect(log.deadLettered).toEqual([["105"]]);
    expect(log.delivered).toBe(7);
    expect(batches.filter((batch) => batch.length === 1 && batch[0] === "105")).toHaveLength(3);
  });

  it("dead-letters records older than maximumRecordAgeSeconds without invoking", async () => {
    let calls = 0;
    const { log, hooks } = recorder(async () => {
      calls += 1;
    });
    const old = records(2, Math.floor(Date.now() / 1000) - 600);
    const settled = await deliverInOrder(old, { ...policy, maximumRecordAgeSeconds: 60 }, hooks);
    expect(settled).toBe(2);
    expect(calls).toBe(0);
    expect(log.deadLettered).toEqual([["100", "101"]]);
  });

  it("stops retrying when aborted and reports only the settled prefix", async () => {
    const abort = new AbortController();
    const { hooks } = recorder(async (event) => {
      if (seq(event.Records)[0] === "100")
        return { batchItemFailures: [{ itemIdentifier: "101" }] };
      abort.abort();
      throw new Error("down");
    }, abort.signal);
    const settled = await deliverInOrder(
      records(3),
      { ...policy, maximumRetryAttempts: -1 },
      hooks,
    );
    expect(settled).toBe(1);
  });
});
